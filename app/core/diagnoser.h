/* diagnoser.h: rules over a finished connection's timeline -> diagnoses. */
#pragma once
#include <glib.h>
#include "connection.h"

G_BEGIN_DECLS

typedef struct {
  gint64      capture_end_ts_ns;  /* last timestamp in the capture (for silences) */
  const char *ca_file;            /* extra trust anchors (PEM), nullable */
  gboolean    use_system_trust;   /* default TRUE */
  gboolean    keylog_given;       /* the user supplied any key log */
} HlDiagnoseOptions;

/* Fills conn->diagnoses (cleared first), most important first: errors, then
 * warnings, then info. */
void hl_diagnose (HlConnection *conn, const HlDiagnoseOptions *options);

G_END_DECLS
