/* record-dialog.c: asks for the interface and capture filter for "Record".
 *
 * Interfaces come from libpcap; when it lists none (no permission to look),
 * from the capture helper's --list.  The default is the first interface
 * that is up and not loopback; loopback stays in the list. */
#include "config.h"
#include "record-dialog.h"

#include <glib/gi18n.h>

#include "capture-loader.h"
#include "live-capture.h"

struct _HlRecordDialog {
  AdwMessageDialog parent_instance;
  AdwComboRow     *interface_row;
  AdwEntryRow     *filter_row;
  GPtrArray       *names;   /* char*, parallel to the combo's strings */
};

G_DEFINE_FINAL_TYPE (HlRecordDialog, hl_record_dialog, ADW_TYPE_MESSAGE_DIALOG)

const char *
hl_record_dialog_get_interface (HlRecordDialog *self)
{
  guint i;

  g_return_val_if_fail (HL_IS_RECORD_DIALOG (self), NULL);
  i = adw_combo_row_get_selected (self->interface_row);
  return i < self->names->len ? g_ptr_array_index (self->names, i) : NULL;
}

gboolean
hl_record_dialog_set_interface (HlRecordDialog *self, const char *name)
{
  for (guint i = 0; i < self->names->len; i++)
    if (g_strcmp0 (g_ptr_array_index (self->names, i), name) == 0)
      {
        adw_combo_row_set_selected (self->interface_row, i);
        return TRUE;
      }
  return FALSE;
}

const char *
hl_record_dialog_get_filter (HlRecordDialog *self)
{
  g_return_val_if_fail (HL_IS_RECORD_DIALOG (self), NULL);
  return gtk_editable_get_text (GTK_EDITABLE (self->filter_row));
}

guint
hl_record_dialog_get_n_interfaces (HlRecordDialog *self)
{
  return self->names->len;
}

static void
add_interface (HlRecordDialog *self, GtkStringList *list, const char *name, const char *description,
               gboolean up)
{
  g_autofree char *text = NULL;
  const char *state = up ? _("up") : _("down");

  if (description && *description)
    /* Translators: interface list entry: name, description, up/down. */
    text = g_strdup_printf (_("%s — %s (%s)"), name, description, state);
  else
    /* Translators: interface list entry: name and up/down. */
    text = g_strdup_printf (_("%s (%s)"), name, state);
  gtk_string_list_append (list, text);
  g_ptr_array_add (self->names, g_strdup (name));
}

/* "name\tup|down\tdescription" lines from the helper. */
static void
list_from_helper (HlRecordDialog *self, GtkStringList *list, guint *preferred)
{
  g_autofree char *helper = hl_capture_loader_find_helper ();
  g_autofree char *out = NULL;
  const char *argv[] = { helper, "--list", NULL };
  g_auto(GStrv) lines = NULL;
  int status = 0;

  if (!g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_STDERR_TO_DEV_NULL, NULL, NULL, &out,
                     NULL, &status, NULL) || !g_spawn_check_wait_status (status, NULL))
    return;
  lines = g_strsplit (out, "\n", 256);
  for (guint i = 0; lines[i]; i++)
    {
      g_auto(GStrv) f = g_strsplit (lines[i], "\t", 3);
      gboolean up;
      if (g_strv_length (f) < 2 || *f[0] == '\0')
        continue;
      up = g_str_equal (f[1], "up");
      if (*preferred == G_MAXUINT && up && !g_str_equal (f[0], "lo") && !g_str_equal (f[0], "any"))
        *preferred = self->names->len;
      add_interface (self, list, f[0], f[2], up);
    }
}

static void
fill_interfaces (HlRecordDialog *self)
{
  g_autoptr(GtkStringList) list = gtk_string_list_new (NULL);
  g_autoptr(GPtrArray) ifaces = hl_live_list_interfaces (NULL);
  guint preferred = G_MAXUINT;

  for (guint i = 0; ifaces && i < ifaces->len; i++)
    {
      HlInterface *iface = g_ptr_array_index (ifaces, i);
      if (preferred == G_MAXUINT && iface->up && !iface->loopback && !g_str_equal (iface->name, "any"))
        preferred = self->names->len;
      add_interface (self, list, iface->name, iface->description, iface->up);
    }
  if (self->names->len == 0)
    list_from_helper (self, list, &preferred);
  adw_combo_row_set_model (self->interface_row, G_LIST_MODEL (list));
  if (preferred != G_MAXUINT)
    adw_combo_row_set_selected (self->interface_row, preferred);
  adw_message_dialog_set_response_enabled (ADW_MESSAGE_DIALOG (self), "start", self->names->len > 0);
  if (self->names->len == 0)
    adw_message_dialog_set_body (ADW_MESSAGE_DIALOG (self),
                                 _("No network interface could be listed. Install the capture "
                                   "helper, or capture with tcpdump and pipe it in: "
                                   "“sudo tcpdump -U -w - -i eth0 tcp | handshake-lens -”."));
}

static void
hl_record_dialog_finalize (GObject *object)
{
  g_ptr_array_unref (HL_RECORD_DIALOG (object)->names);
  G_OBJECT_CLASS (hl_record_dialog_parent_class)->finalize (object);
}

static void
hl_record_dialog_class_init (HlRecordDialogClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->finalize = hl_record_dialog_finalize;
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/handshakelens/HandshakeLens/record-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, HlRecordDialog, interface_row);
  gtk_widget_class_bind_template_child (widget_class, HlRecordDialog, filter_row);
}

static void
hl_record_dialog_init (HlRecordDialog *self)
{
  self->names = g_ptr_array_new_with_free_func (g_free);
  gtk_widget_init_template (GTK_WIDGET (self));
  fill_interfaces (self);
}

GtkWidget *
hl_record_dialog_new (GtkWindow *parent)
{
  return g_object_new (HL_TYPE_RECORD_DIALOG, "transient-for", parent, "modal", TRUE, NULL);
}
