/* examples-page.c: the gallery of bundled example captures. */
#include "config.h"
#include "examples-page.h"

#include <glib/gi18n.h>

#define EXAMPLES_PATH "/io/github/handshakelens/HandshakeLens/examples/"

typedef struct {
  const char *file;      /* capture in EXAMPLES_PATH; NAME.keylog is used when bundled */
  gboolean    failing;   /* listed under "When Something Goes Wrong" */
  const char *icon;
  const char *title;
  const char *intro;     /* what to watch for */
} HlExample;

static const HlExample examples[] = {
  { "tls13_basic.pcap", FALSE, "emblem-ok-symbolic",
    N_("A healthy TLS 1.3 connection"),
    N_("Watch the handshake finish in a single round trip: from the ServerHello on, "
       "everything is encrypted, and the key log lets you read it anyway.") },
  { "tls12_ecdhe.pcap", FALSE, "emblem-ok-symbolic",
    N_("TLS 1.2, the older way"),
    N_("Two round trips before any data can flow, and the certificate travels in plain view.") },
  { "tls13_resumption.pcap", FALSE, "view-refresh-symbolic",
    N_("Coming back: session resumption"),
    N_("Two connections: the second shows a ticket from the first, so the server skips its "
       "certificate.") },
  { "tls13_hrr.pcap", FALSE, "mail-send-receive-symbolic",
    N_("Try again: HelloRetryRequest"),
    N_("The server asks for a different key share, which costs one extra round trip.") },
  { "mtls_ok.pcap", FALSE, "dialog-password-symbolic",
    N_("Both sides show a certificate (mutual TLS)"),
    N_("The server asks the client who it is; watch the client send its own certificate.") },
  { "starttls_smtp.pcap", FALSE, "mail-send-symbolic",
    N_("Mail: plain text first, then STARTTLS"),
    N_("The mail server and client talk in the open, then agree to switch to TLS.") },
  { "cert_expired.pcap", TRUE, "dialog-error-symbolic",
    N_("An expired certificate"),
    N_("The client refuses the server’s certificate with an alert. Read the diagnosis, then "
       "press Show Evidence.") },
  { "cert_wrong_name.pcap", TRUE, "dialog-error-symbolic",
    N_("A certificate for another name"),
    N_("The client asked for one name and got a certificate for another.") },
  { "tls_interception.pcap", TRUE, "dialog-warning-symbolic",
    N_("Someone in the middle: TLS inspection"),
    N_("The connection works, but the certificate was made by an inspection proxy, not by the "
       "real site.") },
  { "version_mismatch.pcap", TRUE, "dialog-error-symbolic",
    N_("No TLS version in common"),
    N_("The client and the server share no protocol version, so the server gives up at once.") },
  { "http_on_tls_port.pcap", TRUE, "dialog-error-symbolic",
    N_("Not TLS at all"),
    N_("The client speaks TLS, the server answers in plain HTTP.") },
  { "refused_port.pcap", TRUE, "network-offline-symbolic",
    N_("Nobody listening: connection refused"),
    N_("The first SYN is answered with a reset; TLS never starts.") },
  { "syn_timeout.pcap", TRUE, "network-offline-symbolic",
    N_("No answer at all: a firewall drops the SYN"),
    N_("The client knocks again and again, waiting longer each time, then gives up.") },
};

struct _HlExamplesPage {
  AdwBin      parent_instance;
  GtkWidget  *working_heading;
  GtkListBox *working_list;
  GtkWidget  *failing_heading;
  GtkListBox *failing_list;
  GtkWidget  *empty_label;
  guint       n_shown;
};

G_DEFINE_FINAL_TYPE (HlExamplesPage, hl_examples_page, ADW_TYPE_BIN)

static gboolean
resource_exists (const char *path)
{
  return g_resources_get_info (path, G_RESOURCE_LOOKUP_FLAGS_NONE, NULL, NULL, NULL);
}

gboolean
hl_examples_lookup (const char *name, GFile **capture, GFile **keylog)
{
  g_autofree char *path = g_strconcat (EXAMPLES_PATH, name, NULL);
  g_autofree char *stem = NULL, *keylog_path = NULL;
  const char *dot;

  if (!resource_exists (path))
    return FALSE;
  dot = strrchr (name, '.');
  stem = dot ? g_strndup (name, dot - name) : g_strdup (name);
  keylog_path = g_strconcat (EXAMPLES_PATH, stem, ".keylog", NULL);
  if (capture)
    {
      g_autofree char *uri = g_strconcat ("resource://", path, NULL);
      *capture = g_file_new_for_uri (uri);
    }
  if (keylog)
    {
      g_autofree char *uri = g_strconcat ("resource://", keylog_path, NULL);
      *keylog = resource_exists (keylog_path) ? g_file_new_for_uri (uri) : NULL;
    }
  return TRUE;
}

guint
hl_examples_page_get_n_examples (HlExamplesPage *self)
{
  g_return_val_if_fail (HL_IS_EXAMPLES_PAGE (self), 0);
  return self->n_shown;
}

static void
hl_examples_page_class_init (HlExamplesPageClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/handshakelens/HandshakeLens/examples-page.ui");
  gtk_widget_class_bind_template_child (widget_class, HlExamplesPage, working_heading);
  gtk_widget_class_bind_template_child (widget_class, HlExamplesPage, working_list);
  gtk_widget_class_bind_template_child (widget_class, HlExamplesPage, failing_heading);
  gtk_widget_class_bind_template_child (widget_class, HlExamplesPage, failing_list);
  gtk_widget_class_bind_template_child (widget_class, HlExamplesPage, empty_label);
}

static void
hl_examples_page_init (HlExamplesPage *self)
{
  guint n_working = 0, n_failing = 0;

  gtk_widget_init_template (GTK_WIDGET (self));

  /* One row per bundled example; activating it runs win.open-example. */
  for (guint i = 0; i < G_N_ELEMENTS (examples); i++)
    {
      const HlExample *ex = &examples[i];
      GtkWidget *row, *icon;

      if (!hl_examples_lookup (ex->file, NULL, NULL))
        continue;
      row = adw_action_row_new ();
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _(ex->title));
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), _(ex->intro));
      icon = gtk_image_new_from_icon_name (ex->icon);
      adw_action_row_add_prefix (ADW_ACTION_ROW (row), icon);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), gtk_image_new_from_icon_name ("go-next-symbolic"));
      gtk_actionable_set_action_name (GTK_ACTIONABLE (row), "win.open-example");
      gtk_actionable_set_action_target (GTK_ACTIONABLE (row), "s", ex->file);
      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
      gtk_list_box_append (ex->failing ? self->failing_list : self->working_list, row);
      if (ex->failing)
        n_failing++;
      else
        n_working++;
    }
  self->n_shown = n_working + n_failing;
  gtk_widget_set_visible (self->working_heading, n_working > 0);
  gtk_widget_set_visible (GTK_WIDGET (self->working_list), n_working > 0);
  gtk_widget_set_visible (self->failing_heading, n_failing > 0);
  gtk_widget_set_visible (GTK_WIDGET (self->failing_list), n_failing > 0);
  gtk_widget_set_visible (self->empty_label, self->n_shown == 0);
}

GtkWidget *
hl_examples_page_new (void)
{
  return g_object_new (HL_TYPE_EXAMPLES_PAGE, NULL);
}
