/* connection-row.c: one connection in the sidebar list. */
#include "config.h"
#include "connection-row.h"

#include <glib/gi18n.h>
#include "format.h"

struct _HlConnectionRow {
  AdwBin    parent_instance;

  GtkImage *status_icon;
  GtkLabel *title_label;
  GtkLabel *version_label;
  GtkLabel *endpoints_label;
  GtkLabel *diagnosis_label;
  GtkLabel *duration_label;

  /* Tooltips, given when asked for (query-tooltip): setting a tooltip
   * text asks the display where the pointer is, a round trip to the X
   * server for every row bound while a capture loads. */
  char     *status_tip;
  char     *endpoints_tip;
};

G_DEFINE_FINAL_TYPE (HlConnectionRow, hl_connection_row, ADW_TYPE_BIN)

static const char * const state_classes[] = { "success", "warning", "error", "dim-label" };

void
hl_connection_row_set_item (HlConnectionRow *self, HlConnectionItem *item)
{
  const HlConnection *conn;
  HlConnectionState state;
  const HlDiagnosis *d;
  g_autofree char *title = NULL, *endpoints = NULL, *route = NULL, *duration = NULL, *a11y = NULL;
  const char *headline;

  g_return_if_fail (HL_IS_CONNECTION_ROW (self));
  if (item == NULL)
    return;

  conn = hl_connection_item_get_connection (item);
  state = hl_format_connection_state (conn);
  d = hl_format_headline_diagnosis (conn);
  title = hl_format_connection_title (conn);
  endpoints = hl_format_connection_endpoints (conn);
  route = hl_format_connection_route (conn);
  duration = hl_format_duration (conn->last_ts_ns - conn->first_ts_ns);

  gtk_image_set_from_icon_name (self->status_icon, hl_format_state_icon (state));
  for (guint i = 0; i < G_N_ELEMENTS (state_classes); i++)
    gtk_widget_remove_css_class (GTK_WIDGET (self->status_icon), state_classes[i]);
  gtk_widget_add_css_class (GTK_WIDGET (self->status_icon), state_classes[state]);
  g_free (self->status_tip);
  self->status_tip = g_strdup (hl_format_state_label (state));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->status_icon),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, hl_format_state_label (state), -1);

  gtk_label_set_text (self->title_label, title);
  gtk_label_set_text (self->version_label, hl_format_connection_protocol (conn));
  gtk_label_set_text (self->endpoints_label, route);
  g_free (self->endpoints_tip);
  self->endpoints_tip = g_strdup (endpoints);
  headline = d ? hl_format_diagnosis_title (d)
               : conn->tls ? _("Handshake completed") : _("Plain TCP connection");
  gtk_label_set_text (self->diagnosis_label, headline);
  for (guint i = 0; i < G_N_ELEMENTS (state_classes); i++)
    gtk_widget_remove_css_class (GTK_WIDGET (self->diagnosis_label), state_classes[i]);
  if (state != HL_CONNECTION_STATE_OK)
    gtk_widget_add_css_class (GTK_WIDGET (self->diagnosis_label), state_classes[state]);
  else
    gtk_widget_add_css_class (GTK_WIDGET (self->diagnosis_label), "dim-label");
  gtk_label_set_text (self->duration_label, duration);

  /* One sentence for screen readers: "Failed: example.org, TLS 1.3, ...". */
  a11y = g_strdup_printf ("%s: %s, %s, %s, %s", hl_format_state_label (state), title,
                          hl_format_connection_protocol (conn), headline, endpoints);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL, a11y, -1);
}

static gboolean
query_tooltip (GtkWidget *widget, int x, int y, gboolean keyboard, GtkTooltip *tooltip,
               HlConnectionRow *self)
{
  const char *text = widget == GTK_WIDGET (self->status_icon) ? self->status_tip : self->endpoints_tip;

  if (text == NULL || *text == '\0')
    return FALSE;
  gtk_tooltip_set_text (tooltip, text);
  return TRUE;
}

/* The tooltip a widget shows now (for tests). */
const char *
hl_connection_row_get_tooltip (HlConnectionRow *self, gboolean endpoints)
{
  g_return_val_if_fail (HL_IS_CONNECTION_ROW (self), NULL);
  return endpoints ? self->endpoints_tip : self->status_tip;
}

static void
hl_connection_row_finalize (GObject *object)
{
  HlConnectionRow *self = HL_CONNECTION_ROW (object);

  g_free (self->status_tip);
  g_free (self->endpoints_tip);
  G_OBJECT_CLASS (hl_connection_row_parent_class)->finalize (object);
}

static void
hl_connection_row_class_init (HlConnectionRowClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->finalize = hl_connection_row_finalize;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/handshakelens/HandshakeLens/connection-row.ui");
  gtk_widget_class_bind_template_child (widget_class, HlConnectionRow, status_icon);
  gtk_widget_class_bind_template_child (widget_class, HlConnectionRow, title_label);
  gtk_widget_class_bind_template_child (widget_class, HlConnectionRow, version_label);
  gtk_widget_class_bind_template_child (widget_class, HlConnectionRow, endpoints_label);
  gtk_widget_class_bind_template_child (widget_class, HlConnectionRow, diagnosis_label);
  gtk_widget_class_bind_template_child (widget_class, HlConnectionRow, duration_label);
}

static void
hl_connection_row_init (HlConnectionRow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  for (guint i = 0; i < 2; i++)
    {
      GtkWidget *w = i ? GTK_WIDGET (self->endpoints_label) : GTK_WIDGET (self->status_icon);
      gtk_widget_set_has_tooltip (w, TRUE);
      g_signal_connect (w, "query-tooltip", G_CALLBACK (query_tooltip), self);
    }
}

GtkWidget *
hl_connection_row_new (void)
{
  return g_object_new (HL_TYPE_CONNECTION_ROW, NULL);
}
