/* probe-dialog.c: asks for host, port and SNI for "Test a Server". */
#include "config.h"
#include "probe-dialog.h"

#include <glib/gi18n.h>

struct _HlProbeDialog {
  AdwMessageDialog parent_instance;
  AdwEntryRow     *host_row;
  AdwEntryRow     *port_row;
  AdwEntryRow     *sni_row;
};

G_DEFINE_FINAL_TYPE (HlProbeDialog, hl_probe_dialog, ADW_TYPE_MESSAGE_DIALOG)

const char *
hl_probe_dialog_get_host (HlProbeDialog *self)
{
  g_return_val_if_fail (HL_IS_PROBE_DIALOG (self), NULL);
  return gtk_editable_get_text (GTK_EDITABLE (self->host_row));
}

guint16
hl_probe_dialog_get_port (HlProbeDialog *self)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->port_row));
  guint64 port = 0;

  if (!g_ascii_string_to_unsigned (text, 10, 1, 65535, &port, NULL))
    return 0;
  return (guint16) port;
}

char *
hl_probe_dialog_dup_sni (HlProbeDialog *self)
{
  const char *sni = gtk_editable_get_text (GTK_EDITABLE (self->sni_row));
  g_autofree char *host = g_strstrip (g_strdup (hl_probe_dialog_get_host (self)));

  if (sni && *sni)
    return g_strstrip (g_strdup (sni));
  if (*host == '\0' || g_hostname_is_ip_address (host))
    return NULL;
  return g_steal_pointer (&host);
}

static void
validate (HlProbeDialog *self)
{
  g_autofree char *host = g_strstrip (g_strdup (hl_probe_dialog_get_host (self)));
  gboolean port_ok = hl_probe_dialog_get_port (self) != 0;

  if (port_ok)
    gtk_widget_remove_css_class (GTK_WIDGET (self->port_row), "error");
  else
    gtk_widget_add_css_class (GTK_WIDGET (self->port_row), "error");
  adw_message_dialog_set_response_enabled (ADW_MESSAGE_DIALOG (self), "test",
                                           *host != '\0' && port_ok);
}

static void
hl_probe_dialog_class_init (HlProbeDialogClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/handshakelens/HandshakeLens/probe-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, HlProbeDialog, host_row);
  gtk_widget_class_bind_template_child (widget_class, HlProbeDialog, port_row);
  gtk_widget_class_bind_template_child (widget_class, HlProbeDialog, sni_row);
}

static void
hl_probe_dialog_init (HlProbeDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  g_signal_connect_swapped (self->host_row, "changed", G_CALLBACK (validate), self);
  g_signal_connect_swapped (self->port_row, "changed", G_CALLBACK (validate), self);
}

GtkWidget *
hl_probe_dialog_new (GtkWindow *parent)
{
  return g_object_new (HL_TYPE_PROBE_DIALOG, "transient-for", parent, "modal", TRUE, NULL);
}
