#include "diagnosis.h"

HlDiagnosis *
hl_diagnosis_new (const char *id, HlSeverity severity, HlBlame blame)
{
  HlDiagnosis *d = g_new0 (HlDiagnosis, 1);
  d->id = g_strdup (id);
  d->severity = severity;
  d->blame = blame;
  d->frames = g_array_new (FALSE, FALSE, sizeof (guint64));
  return d;
}

void
hl_diagnosis_add_frame (HlDiagnosis *d, guint64 frame)
{
  guint i;
  for (i = 0; i < d->frames->len; i++)
    {
      guint64 f = g_array_index (d->frames, guint64, i);
      if (f == frame)
        return;
      if (f > frame)
        break;
    }
  g_array_insert_val (d->frames, i, frame);
}

void
hl_diagnosis_free (HlDiagnosis *d)
{
  if (d == NULL)
    return;
  g_free (d->id);
  g_array_unref (d->frames);
  g_free (d->summary);
  g_free (d->remedy);
  g_free (d);
}

const char *
hl_severity_to_string (HlSeverity s)
{
  switch (s)
    {
    case HL_SEVERITY_ERROR: return "error";
    case HL_SEVERITY_WARNING: return "warning";
    case HL_SEVERITY_INFO: default: return "info";
    }
}

const char *
hl_blame_to_string (HlBlame b)
{
  switch (b)
    {
    case HL_BLAME_CLIENT: return "client";
    case HL_BLAME_SERVER: return "server";
    case HL_BLAME_NETWORK: return "network";
    case HL_BLAME_MIDDLEBOX: return "middlebox";
    case HL_BLAME_UNKNOWN: default: return "unknown";
    }
}
