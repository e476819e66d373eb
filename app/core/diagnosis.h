/* diagnosis.h: a conclusion about a connection, with its evidence. */
#pragma once
#include <glib.h>

G_BEGIN_DECLS

typedef enum {
  HL_SEVERITY_INFO,
  HL_SEVERITY_WARNING,
  HL_SEVERITY_ERROR,
} HlSeverity;

typedef enum {
  HL_BLAME_UNKNOWN,
  HL_BLAME_CLIENT,
  HL_BLAME_SERVER,
  HL_BLAME_NETWORK,
  HL_BLAME_MIDDLEBOX,
} HlBlame;

typedef struct _HlDiagnosis HlDiagnosis;
struct _HlDiagnosis {
  char       *id;        /* stable id from DESIGN.md, e.g. "certificate_expired" */
  HlSeverity  severity;
  HlBlame     blame;
  GArray     *frames;    /* guint64 evidence frame numbers, ascending */
  char       *summary;   /* translated, with concrete values */
  char       *remedy;    /* translated */
  gboolean    inferred;  /* cause inferred without seeing it (e.g. no key log) */
};

HlDiagnosis *hl_diagnosis_new          (const char *id, HlSeverity severity, HlBlame blame);
void         hl_diagnosis_add_frame    (HlDiagnosis *d, guint64 frame);
void         hl_diagnosis_free         (HlDiagnosis *d);
const char  *hl_severity_to_string     (HlSeverity s);  /* "info" | "warning" | "error" */
const char  *hl_blame_to_string        (HlBlame b);     /* "client" | ... */

G_END_DECLS
