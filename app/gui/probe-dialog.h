/* probe-dialog.h: asks for host, port and SNI for "Test a Server". */
#pragma once
#include <adwaita.h>

G_BEGIN_DECLS

#define HL_TYPE_PROBE_DIALOG (hl_probe_dialog_get_type ())
G_DECLARE_FINAL_TYPE (HlProbeDialog, hl_probe_dialog, HL, PROBE_DIALOG, AdwMessageDialog)

GtkWidget  *hl_probe_dialog_new      (GtkWindow *parent);
const char *hl_probe_dialog_get_host (HlProbeDialog *self);
/* 0 when the port is not a number from 1 to 65535. */
guint16     hl_probe_dialog_get_port (HlProbeDialog *self);
/* The SNI to send: the field if filled, else the host when it is a name
 * (not an IP address), else NULL.  Free with g_free. */
char       *hl_probe_dialog_dup_sni  (HlProbeDialog *self);

G_END_DECLS
