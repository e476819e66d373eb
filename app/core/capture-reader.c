/* STUB: to be replaced by the real reader. */
#include "capture-reader.h"
#include "hl-error.h"
struct _HlCaptureReader { int dummy; };
HlCaptureReader *hl_capture_reader_open (const char *path, GError **error)
{ g_set_error (error, HL_ERROR, HL_ERROR_UNSUPPORTED, "not implemented"); return NULL; }
HlCaptureReader *hl_capture_reader_open_fd (int fd, const char *n, GError **error)
{ g_set_error (error, HL_ERROR, HL_ERROR_UNSUPPORTED, "not implemented"); return NULL; }
void hl_capture_reader_set_secrets_func (HlCaptureReader *r, HlSecretsFunc f, gpointer u) {}
gboolean hl_capture_reader_next (HlCaptureReader *r, HlFrame *frame, GError **error) { return FALSE; }
const char *hl_capture_reader_format (HlCaptureReader *r) { return "?"; }
guint64 hl_capture_reader_offset (HlCaptureReader *r) { return 0; }
guint64 hl_capture_reader_size (HlCaptureReader *r) { return 0; }
guint64 hl_capture_reader_compressed_offset (HlCaptureReader *r) { return 0; }
void hl_capture_reader_free (HlCaptureReader *r) { g_free (r); }
