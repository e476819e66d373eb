/* record-dialog.h: asks for the interface and capture filter for "Record". */
#pragma once
#include <adwaita.h>

G_BEGIN_DECLS

#define HL_TYPE_RECORD_DIALOG (hl_record_dialog_get_type ())
G_DECLARE_FINAL_TYPE (HlRecordDialog, hl_record_dialog, HL, RECORD_DIALOG, AdwMessageDialog)

GtkWidget  *hl_record_dialog_new           (GtkWindow *parent);
/* The chosen interface name ("eth0"), NULL when none is listed. */
const char *hl_record_dialog_get_interface (HlRecordDialog *self);
/* Selects an interface by name; FALSE if it is not listed. */
gboolean    hl_record_dialog_set_interface (HlRecordDialog *self, const char *name);
const char *hl_record_dialog_get_filter    (HlRecordDialog *self);
/* Interfaces known to the dialog (names), for tests. */
guint       hl_record_dialog_get_n_interfaces (HlRecordDialog *self);

G_END_DECLS
