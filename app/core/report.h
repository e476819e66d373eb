/* report.h: presenters for finished connections (JSON contract, text, Markdown). */
#pragma once
#include <glib.h>
#include <stdio.h>
#include "connection.h"
#include "engine.h"

G_BEGIN_DECLS

typedef enum { HL_REPORT_JSON, HL_REPORT_TEXT, HL_REPORT_MARKDOWN } HlReportFormat;

typedef struct _HlReport HlReport;

/* Streams to out: begin writes the header, add one connection at a time,
 * end writes the trailer (with input errors and statistics). */
HlReport *hl_report_new     (HlReportFormat format, FILE *out);
void      hl_report_add     (HlReport *r, const HlConnection *conn);
/* hl_report_add in two steps: render (any thread, any order) and write
 * (in order), for hl_engine_set_render_func. */
char     *hl_report_render  (HlReport *r, const HlConnection *conn);
void      hl_report_write   (HlReport *r, const char *text);
void      hl_report_end     (HlReport *r, const HlEngineStats *stats, const GError *input_error);
void      hl_report_free    (HlReport *r);
/* One connection rendered alone (GUI export, tests). */
char     *hl_report_connection_to_string (HlReportFormat format, const HlConnection *conn);

G_END_DECLS
