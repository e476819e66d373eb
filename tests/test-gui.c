/* test-gui.c: the window, ladder, banner, detail pane and playback, headless
 * under Xvfb.  Uses hand-built connections (always) and a corpus capture
 * through the real engine (when HL_CORPUS is there). */
#include "config.h"

#include <adwaita.h>
#include <glib/gstdio.h>
#include <string.h>

#include "capture-loader.h"
#include "connection-row.h"
#include "detail-pane.h"
#include "diagnosis-banner.h"
#include "examples-page.h"
#include "field.h"
#include "format.h"
#include "hex-view.h"
#include "ladder-export.h"
#include "ladder-view.h"
#include "probe-dialog.h"
#include "render.h"
#include "window.h"
#include "gui-test-util.h"

/* ---- a small fake connection builder ---- */

static const guint8 client_hello_bytes[] = {
  0x01, 0x00, 0x00, 0x14,                         /* handshake header: client_hello, 20 bytes */
  0x03, 0x03,                                     /* legacy_version */
  0xaa, 0xbb, 0xcc, 0xdd, 0xee, 0xff, 0x00, 0x11, /* random (8 of 32 bytes, short fake) */
  0x00,                                           /* session id length */
  0x00, 0x02, 0x13, 0x01,                         /* cipher suites */
  0x01, 0x00,                                     /* compression */
  0x00, 0x00,                                     /* extensions length */
};

static HlEvent *
add_event (HlConnection *conn, HlEventKind kind, HlDirection dir, guint64 frame, double ms)
{
  HlEvent *e = hl_event_new (kind, dir, frame, conn->first_ts_ns + (gint64) (ms * 1e6));

  hl_connection_add_event (conn, e);
  conn->last_frame = frame;
  conn->last_ts_ns = e->ts_ns;
  return e;
}

static void
set_endpoint (HlEndpoint *ep, guint8 a, guint8 b, guint8 c, guint8 d, guint16 port)
{
  ep->family = 4;
  ep->addr[0] = a;
  ep->addr[1] = b;
  ep->addr[2] = c;
  ep->addr[3] = d;
  ep->port = port;
}

static HlField *
client_hello_fields (void)
{
  HlField *root = hl_field_new ("Handshake", "ClientHello", 0, sizeof client_hello_bytes);
  HlField *body;

  hl_field_add (root, "msg_type", "client_hello (1)", 0, 1);
  hl_field_add (root, "length", "20", 1, 3);
  body = hl_field_add (root, "ClientHello", NULL, 4, sizeof client_hello_bytes - 4);
  hl_field_add (body, "legacy_version", "TLS 1.2 (0x0303)", 4, 2);
  hl_field_add (body, "random", "aabbccddeeff0011", 6, 8);
  hl_field_add (body, "legacy_session_id", "(empty)", 14, 1);
  {
    HlField *suites = hl_field_add (body, "cipher_suites", "1 suite", 15, 4);
    hl_field_add (suites, "length", "2", 15, 2);
    hl_field_add (suites, "cipher_suite", "TLS_AES_128_GCM_SHA256 (0x1301)", 17, 2);
  }
  hl_field_add (body, "legacy_compression_methods", "null", 19, 2);
  hl_field_add (body, "extensions", "(none)", 21, 2);
  return root;
}

/* A TLS 1.3 connection through TCP; failed ones end with a fatal alert
 * (frame 8) and a reset, healthy ones with application data and FINs. */
static HlConnection *
fake_connection (guint64 id, const char *sni, gboolean failed)
{
  HlConnection *conn = hl_connection_new ();
  HlTlsInfo *tls;
  HlEvent *e;
  HlDiagnosis *d;

  conn->id = id;
  conn->first_frame = id * 100 + 1;
  conn->first_ts_ns = G_GINT64_CONSTANT (1700000000000000000) + (gint64) id * 1000000000;
  conn->rst_by = -1;
  conn->fin_by_first = -1;
  set_endpoint (&conn->client, 10, 0, 0, 2, 51000 + id);
  set_endpoint (&conn->server, 93, 184, 216, (guint8) id, 443);
  conn->syn = conn->syn_ack = conn->ack = TRUE;

  tls = hl_connection_ensure_tls (conn);
  tls->client_hello = g_new0 (HlClientHelloInfo, 1);
  tls->client_hello->sni = sni;   /* callers pass literals */
  tls->client_hello->legacy_version = 0x0303;
  tls->version = 0x0304;

  add_event (conn, HL_EVENT_TCP_SYN, HL_DIR_C2S, conn->first_frame, 0);
  add_event (conn, HL_EVENT_TCP_SYN_ACK, HL_DIR_S2C, conn->first_frame + 1, 31.2);
  add_event (conn, HL_EVENT_TCP_ACK, HL_DIR_C2S, conn->first_frame + 2, 31.3);
  e = add_event (conn, HL_EVENT_TLS_HANDSHAKE, HL_DIR_C2S, conn->first_frame + 3, 31.6);
  e->tls_type = 1;
  e->bytes_data = g_bytes_new_static (client_hello_bytes, sizeof client_hello_bytes);
  e->fields = client_hello_fields ();
  e = add_event (conn, HL_EVENT_TLS_HANDSHAKE, HL_DIR_S2C, conn->first_frame + 4, 62.8);
  e->tls_type = 2;
  add_event (conn, HL_EVENT_TLS_CCS, HL_DIR_S2C, conn->first_frame + 4, 62.8);
  e = add_event (conn, HL_EVENT_TLS_ENCRYPTED, HL_DIR_S2C, conn->first_frame + 5, 63.0);
  e->tls_type = 22;
  e->encrypted = TRUE;
  if (failed)
    {
      e = add_event (conn, HL_EVENT_TLS_ALERT, HL_DIR_C2S, conn->first_frame + 7, 64.1);
      e->tls_type = 45;   /* certificate_expired */
      e->alert_level = 2;
      e->encrypted = e->decrypted = TRUE;
      add_event (conn, HL_EVENT_TCP_RST, HL_DIR_C2S, conn->first_frame + 8, 64.3);
      conn->rst_by = HL_DIR_C2S;
      d = hl_diagnosis_new ("certificate_expired", HL_SEVERITY_ERROR, HL_BLAME_SERVER);
      hl_diagnosis_add_frame (d, conn->first_frame + 7);
      d->summary = g_strdup ("The client rejected the server's certificate: it expired on 1 Mar 2026, "
                             "12 days before this capture.");
      d->remedy = g_strdup ("Renew the certificate on the server.");
      hl_connection_add_diagnosis (conn, d);
      d = hl_diagnosis_new ("slow_handshake", HL_SEVERITY_WARNING, HL_BLAME_NETWORK);
      d->summary = g_strdup ("The handshake took long.");
      hl_connection_add_diagnosis (conn, d);
    }
  else
    {
      e = add_event (conn, HL_EVENT_TLS_APP_DATA, HL_DIR_C2S, conn->first_frame + 8, 95.0);
      e->count = 14;
      e->encrypted = TRUE;
      e->app_records[0] = 4;
      e->app_records[1] = 10;
      e->app_bytes[0] = 800;
      e->app_bytes[1] = 38000;
      add_event (conn, HL_EVENT_TCP_FIN, HL_DIR_C2S, conn->first_frame + 30, 2500.0);
      add_event (conn, HL_EVENT_TCP_FIN, HL_DIR_S2C, conn->first_frame + 31, 2531.0);
      d = hl_diagnosis_new ("handshake_ok", HL_SEVERITY_INFO, HL_BLAME_UNKNOWN);
      d->summary = g_strdup ("TLS 1.3 handshake completed in one round trip.");
      hl_connection_add_diagnosis (conn, d);
    }
  return conn;
}

static guint freed_connections;

static void
count_free (gpointer conn)
{
  freed_connections++;
  hl_connection_free (conn);
}

static GPtrArray *
fake_capture (void)
{
  GPtrArray *conns = g_ptr_array_new_with_free_func (count_free);

  g_ptr_array_add (conns, fake_connection (1, "good.example", FALSE));
  g_ptr_array_add (conns, fake_connection (2, "expired.example", TRUE));
  g_ptr_array_add (conns, fake_connection (3, "api.example", FALSE));
  return conns;
}

/* ---- helpers ---- */

/* Runs start (which begins a load) and waits for "load-finished". */
static gboolean
wait_for (HlWindow *window, void (*start) (HlWindow *, gpointer), gpointer data)
{
  gboolean done = FALSE;
  gulong id = g_signal_connect (window, "load-finished", G_CALLBACK (on_finished), &done);
  gint64 end = g_get_monotonic_time () + 60 * G_USEC_PER_SEC;

  start (window, data);
  while (!done && g_get_monotonic_time () < end)
    g_main_context_iteration (NULL, TRUE);
  g_signal_handler_disconnect (window, id);
  spin (100);
  return done;
}

static void
start_open (HlWindow *window, gpointer file)
{
  hl_window_open (window, file, NULL);
}

static void
start_add_keylog (HlWindow *window, gpointer file)
{
  hl_window_add_keylog (window, file);
}

static void
start_example (HlWindow *window, gpointer name)
{
  gtk_widget_activate_action (GTK_WIDGET (window), "win.open-example", "s", name);
}

static void
start_probe_refused (HlWindow *window, gpointer port)
{
  hl_window_test_server (window, "127.0.0.1", GPOINTER_TO_UINT (port), NULL);
}

static gboolean
wait_for_load (HlWindow *window, GFile *capture, GPtrArray *keylogs)
{
  return wait_for (window, start_open, capture);
}

static char *
build_path (const char *name)
{
  const char *root = g_getenv ("HL_BUILD_ROOT");
  g_autofree char *dir = g_build_filename (root ? root : ".", "tests", NULL);

  return g_build_filename (dir, name, NULL);
}

static HlConnectionItem *
item_at (HlWindow *window, guint pos)
{
  return g_list_model_get_item (hl_window_get_connection_list (window), pos);
}

/* Depth-first search of a widget tree. */
static GtkWidget *
find_widget (GtkWidget *root, GType type)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (root, type))
    return root;
  for (GtkWidget *child = gtk_widget_get_first_child (root); child; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *hit = find_widget (child, type);
      if (hit)
        return hit;
    }
  return NULL;
}

/* PNG signature, then IHDR width and height (big-endian). */
static void
assert_png (const char *path, int min_width, int min_height, gsize min_size)
{
  g_autofree char *data = NULL;
  gsize len = 0;
  guint32 w, h;

  g_assert_true (g_file_get_contents (path, &data, &len, NULL));
  g_assert_cmpuint (len, >, min_size);
  g_assert_cmpmem (data, 8, "\x89PNG\r\n\x1a\n", 8);
  w = GUINT32_FROM_BE (*(guint32 *) (data + 16));
  h = GUINT32_FROM_BE (*(guint32 *) (data + 20));
  g_assert_cmpint (w, >=, min_width);
  g_assert_cmpint (h, >=, min_height);
}

/* ---- tests with hand-built connections ---- */

static void
test_welcome (void)
{
  HlWindow *window = new_window ();

  g_assert_cmpstr (hl_window_get_page (window), ==, "welcome");
  g_assert_null (hl_window_get_selected (window));
  gtk_widget_activate_action (GTK_WIDGET (window), "win.show-examples", NULL);
  g_assert_cmpstr (hl_window_get_page (window), ==, "examples");
  gtk_widget_activate_action (GTK_WIDGET (window), "win.go-back", NULL);
  g_assert_cmpstr (hl_window_get_page (window), ==, "welcome");

  /* A key log alone cannot be shown: the window says what to do. */
  {
    g_autoptr(GFile) keylog = g_file_new_for_path ("/nonexistent/sslkeys.log");
    GFile *files[] = { keylog };
    hl_window_open_files (window, files, 1);
    g_assert_nonnull (hl_window_get_message (window));
    g_assert_nonnull (strstr (hl_window_get_message (window), "Open the capture it belongs to"));
  }

  /* The shortcuts window builds from its resource. */
  {
    g_autoptr(GtkBuilder) builder =
      gtk_builder_new_from_resource ("/io/github/handshakelens/HandshakeLens/shortcuts.ui");
    GObject *shortcuts = gtk_builder_get_object (builder, "shortcuts");
    g_assert_true (GTK_IS_SHORTCUTS_WINDOW (shortcuts));
    gtk_window_destroy (GTK_WINDOW (shortcuts));
  }
  gtk_window_destroy (GTK_WINDOW (window));
}

static void
test_probe_dialog (void)
{
  HlWindow *window = new_window ();
  HlProbeDialog *dialog = HL_PROBE_DIALOG (hl_probe_dialog_new (GTK_WINDOW (window)));
  AdwMessageDialog *md = ADW_MESSAGE_DIALOG (dialog);
  GtkWidget *list = find_widget (adw_message_dialog_get_extra_child (md), GTK_TYPE_LIST_BOX);
  GtkWidget *rows[3] = { NULL };
  guint n = 0;
  g_autofree char *sni = NULL;

  /* The host, port and SNI rows, in order. */
  for (GtkWidget *row = gtk_widget_get_first_child (list); row && n < 3; row = gtk_widget_get_next_sibling (row))
    if (ADW_IS_ENTRY_ROW (row))
      rows[n++] = row;
  g_assert_cmpuint (n, ==, 3);
  g_assert_false (adw_message_dialog_get_response_enabled (md, "test"));
  gtk_editable_set_text (GTK_EDITABLE (rows[0]), " example.org ");
  g_assert_true (adw_message_dialog_get_response_enabled (md, "test"));
  g_assert_cmpuint (hl_probe_dialog_get_port (dialog), ==, 443);
  sni = hl_probe_dialog_dup_sni (dialog);
  g_assert_cmpstr (sni, ==, "example.org");
  g_clear_pointer (&sni, g_free);

  gtk_editable_set_text (GTK_EDITABLE (rows[1]), "70000");
  g_assert_cmpuint (hl_probe_dialog_get_port (dialog), ==, 0);
  g_assert_false (adw_message_dialog_get_response_enabled (md, "test"));
  gtk_editable_set_text (GTK_EDITABLE (rows[1]), "8443");
  g_assert_true (adw_message_dialog_get_response_enabled (md, "test"));

  /* No SNI for an address, unless one is given. */
  gtk_editable_set_text (GTK_EDITABLE (rows[0]), "192.0.2.7");
  g_assert_null (hl_probe_dialog_dup_sni (dialog));
  gtk_editable_set_text (GTK_EDITABLE (rows[2]), "api.example");
  sni = hl_probe_dialog_dup_sni (dialog);
  g_assert_cmpstr (sni, ==, "api.example");

  gtk_window_destroy (GTK_WINDOW (dialog));
  gtk_window_destroy (GTK_WINDOW (window));
}

static void
test_list_and_filters (void)
{
  HlWindow *window = new_window ();
  GtkWidget *entry;
  GListModel *list;

  hl_window_show_connections (window, fake_capture (), "fake.pcapng");
  list = hl_window_get_connection_list (window);
  g_assert_cmpstr (hl_window_get_page (window), ==, "capture");
  g_assert_cmpuint (g_list_model_get_n_items (list), ==, 3);
  /* The failed connection is selected first. */
  g_assert_cmpuint (hl_connection_item_get_id (hl_window_get_selected (window)), ==, 2);

  /* A row's tooltips are given when asked for, not set at each bind. */
  spin (50);
  {
    GtkWidget *row = find_widget (GTK_WIDGET (window), HL_TYPE_CONNECTION_ROW);
    GtkWidget *icon;
    const char *status;

    g_assert_nonnull (row);
    icon = find_widget (row, GTK_TYPE_IMAGE);
    g_assert_nonnull (icon);
    g_assert_true (gtk_widget_get_has_tooltip (icon));
    g_assert_null (gtk_widget_get_tooltip_text (icon));
    status = hl_connection_row_get_tooltip (HL_CONNECTION_ROW (row), FALSE);
    g_assert_true (g_strcmp0 (status, "Worked") == 0 || g_strcmp0 (status, "Failed") == 0 ||
                   g_strcmp0 (status, "Worked, with warnings") == 0);
    g_assert_nonnull (strstr (hl_connection_row_get_tooltip (HL_CONNECTION_ROW (row), TRUE), ":443"));
  }

  g_object_set (window, "filter-mode", "failed", NULL);
  g_assert_cmpuint (g_list_model_get_n_items (list), ==, 1);
  g_object_set (window, "filter-mode", "all", NULL);
  g_assert_cmpuint (g_list_model_get_n_items (list), ==, 3);

  /* Search by SNI (any case), by address, and for nothing. */
  entry = find_widget (GTK_WIDGET (window), GTK_TYPE_SEARCH_ENTRY);
  g_assert_nonnull (entry);
  gtk_editable_set_text (GTK_EDITABLE (entry), "API.EX");
  g_signal_emit_by_name (entry, "search-changed");
  g_assert_cmpuint (g_list_model_get_n_items (list), ==, 1);
  {
    g_autoptr(HlConnectionItem) item = item_at (window, 0);
    g_assert_cmpuint (hl_connection_item_get_id (item), ==, 3);
  }
  gtk_editable_set_text (GTK_EDITABLE (entry), "93.184.216.1:443");
  g_signal_emit_by_name (entry, "search-changed");
  g_assert_cmpuint (g_list_model_get_n_items (list), ==, 1);
  gtk_editable_set_text (GTK_EDITABLE (entry), "nothing-like-this");
  g_signal_emit_by_name (entry, "search-changed");
  g_assert_cmpuint (g_list_model_get_n_items (list), ==, 0);
  gtk_editable_set_text (GTK_EDITABLE (entry), "");
  g_signal_emit_by_name (entry, "search-changed");
  g_assert_cmpuint (g_list_model_get_n_items (list), ==, 3);

  /* Closing the window frees every connection (nothing keeps an item). */
  freed_connections = 0;
  gtk_window_destroy (GTK_WINDOW (window));
  spin (100);
  g_assert_cmpuint (freed_connections, ==, 3);
}

static void
test_failed_connection (void)
{
  HlWindow *window = new_window ();
  HlLadderView *ladder = hl_window_get_ladder (window);
  const HlLadderLayout *layout;
  g_autofree char *banner = NULL;
  g_autofree char *png = build_path ("test-gui-fake.png");
  g_autoptr(GError) error = NULL;

  hl_window_show_connections (window, fake_capture (), "fake.pcapng");
  g_assert_true (hl_window_select_connection (window, 2));
  /* SYN, SYN-ACK, ACK, ClientHello, ServerHello, CCS, encrypted, alert, RST */
  g_assert_cmpuint (hl_ladder_view_get_n_steps (ladder), ==, 9);
  layout = hl_ladder_view_get_layout (ladder);
  g_assert_cmpint (hl_ladder_layout_step_row (layout, 7)->tone, ==, HL_LADDER_TONE_ERROR);
  g_assert_cmpint (hl_ladder_layout_step_row (layout, 8)->tone, ==, HL_LADDER_TONE_ERROR);
  g_assert_cmpint (hl_ladder_layout_step_row (layout, 6)->icon, ==, HL_LADDER_ICON_LOCKED);
  g_assert_cmpint (hl_ladder_layout_step_row (layout, 7)->icon, ==, HL_LADDER_ICON_ERROR);
  /* One RTT span SYN..ACK (31.3 ms) and the server's answer to the ClientHello. */
  g_assert_cmpuint (layout->spans->len, ==, 2);
  g_assert_cmpint (g_array_index (layout->spans, HlLadderSpan, 0).to_step, ==, 2);
  g_assert_cmpstr (g_array_index (layout->spans, HlLadderSpan, 0).label, ==, "RTT 31.3 ms");

  /* It opens at the evidence: the alert, step 8 of 9. */
  g_assert_cmpint (hl_ladder_view_get_step (ladder), ==, 7);
  g_assert_cmpstr (hl_window_get_step_text (window), ==, "Step 8 of 9");
  g_assert_cmpuint (hl_ladder_view_get_current_event (ladder)->frame, ==, 208);
  /* Screen readers hear where they are. */
  g_assert_cmpstr (hl_detail_pane_get_explanation (hl_window_get_detail_pane (window)), !=, "");
  gtk_test_accessible_assert_role (GTK_ACCESSIBLE (ladder), GTK_ACCESSIBLE_ROLE_GROUP);
  gtk_test_accessible_assert_property (GTK_ACCESSIBLE (ladder), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                       "Handshake ladder, step 8 of 9");

  banner = hl_diagnosis_banner_get_text (hl_window_get_banner (window));
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (hl_window_get_banner (window))));
  g_assert_nonnull (strstr (banner, "it expired on 1 Mar 2026"));
  g_assert_nonnull (strstr (banner, "Who should act: the server’s administrator"));
  g_assert_nonnull (strstr (banner, "Renew the certificate on the server."));
  {
    const HlConnection *conn = hl_connection_item_get_connection (hl_window_get_selected (window));
    g_autofree char *also = g_strdup_printf ("Also: %s",
                                             hl_format_diagnosis_title (g_ptr_array_index (conn->diagnoses, 1)));
    g_assert_nonnull (strstr (banner, also));
  }

  /* Show evidence from elsewhere comes back to the alert. */
  hl_ladder_view_set_step (ladder, 0, FALSE);
  g_assert_cmpstr (hl_window_get_step_text (window), ==, "Step 1 of 9");
  gtk_widget_activate_action (GTK_WIDGET (window), "win.show-evidence", NULL);
  g_assert_cmpint (hl_ladder_view_get_step (ladder), ==, 7);

  spin (300);
  g_assert_true (hl_render_widget_to_png (GTK_WIDGET (window), png, &error));
  g_assert_no_error (error);
  assert_png (png, 1000, 700, 20000);

  /* The healthy one: success banner, no evidence. */
  g_assert_true (hl_window_select_connection (window, 1));
  g_free (banner);
  banner = hl_diagnosis_banner_get_text (hl_window_get_banner (window));
  {
    const HlConnection *conn = hl_connection_item_get_connection (hl_window_get_selected (window));
    g_autofree char *expected = g_strdup_printf ("%s\nTLS 1.3 handshake completed in one round trip.",
                                                 hl_format_diagnosis_title (g_ptr_array_index (conn->diagnoses, 0)));
    g_assert_cmpstr (banner, ==, expected);
  }
  g_assert_false (gtk_widget_get_visible (find_widget (GTK_WIDGET (hl_window_get_banner (window)), GTK_TYPE_BUTTON)));
  /* SYN, SYN-ACK, ACK, CH, SH, CCS, encrypted, app data, FIN, FIN */
  g_assert_cmpuint (hl_ladder_view_get_n_steps (ladder), ==, 10);
  /* 2.4 s between app data and the first FIN is a silence row. */
  {
    guint silences = 0;
    layout = hl_ladder_view_get_layout (ladder);
    for (guint i = 0; i < layout->rows->len; i++)
      if (g_array_index (layout->rows, HlLadderRow, i).kind == HL_LADDER_ROW_SILENCE)
        silences++;
    g_assert_cmpuint (silences, ==, 1);
    g_assert_cmpint (hl_ladder_layout_step_row (layout, 7)->kind, ==, HL_LADDER_ROW_SUMMARY);
  }
  gtk_window_destroy (GTK_WINDOW (window));
}

static void
on_landed (HlLadderView *ladder, guint *count)
{
  (*count)++;
}

static void
test_playback (void)
{
  HlWindow *window = new_window ();
  HlLadderView *ladder = hl_window_get_ladder (window);
  GtkSettings *settings = gtk_settings_get_default ();
  guint landed = 0;
  gint64 end;

  hl_window_show_connections (window, fake_capture (), "fake.pcapng");
  spin (200);   /* lay out: animations only run on mapped widgets */
  g_assert_true (hl_window_select_connection (window, 2));
  g_signal_connect (ladder, "step-landed", G_CALLBACK (on_landed), &landed);

  /* Animations off: stepping jumps and lands at once. */
  g_object_set (settings, "gtk-enable-animations", FALSE, NULL);
  gtk_widget_activate_action (GTK_WIDGET (window), "win.step-first", NULL);
  g_assert_cmpstr (hl_window_get_step_text (window), ==, "Step 1 of 9");
  landed = 0;
  gtk_widget_activate_action (GTK_WIDGET (window), "win.step-forward", NULL);
  g_assert_cmpuint (landed, ==, 1);
  g_assert_cmpstr (hl_window_get_step_text (window), ==, "Step 2 of 9");
  gtk_widget_activate_action (GTK_WIDGET (window), "win.step-forward", NULL);
  gtk_widget_activate_action (GTK_WIDGET (window), "win.step-back", NULL);
  g_assert_cmpstr (hl_window_get_step_text (window), ==, "Step 2 of 9");
  g_assert_cmpint (hl_ladder_view_get_current_event (ladder)->kind, ==, HL_EVENT_TCP_SYN_ACK);

  /* Animations on: the arrow takes its time, then lands. */
  g_object_set (settings, "gtk-enable-animations", TRUE, NULL);
  landed = 0;
  hl_ladder_view_set_speed (ladder, 4.0);
  gtk_widget_activate_action (GTK_WIDGET (window), "win.step-forward", NULL);
  g_assert_cmpstr (hl_window_get_step_text (window), ==, "Step 3 of 9");
  g_assert_cmpuint (landed, ==, 0);
  end = g_get_monotonic_time () + 5 * G_USEC_PER_SEC;
  while (landed == 0 && g_get_monotonic_time () < end)
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpuint (landed, ==, 1);

  /* Play runs to the end by itself (4x: 150 ms + 400 ms per step). */
  gtk_widget_activate_action (GTK_WIDGET (window), "win.play", NULL);
  g_assert_true (hl_ladder_view_get_playing (ladder));
  end = g_get_monotonic_time () + 20 * G_USEC_PER_SEC;
  while (hl_ladder_view_get_playing (ladder) && g_get_monotonic_time () < end)
    g_main_context_iteration (NULL, TRUE);
  g_assert_false (hl_ladder_view_get_playing (ladder));
  g_assert_cmpstr (hl_window_get_step_text (window), ==, "Step 9 of 9");
  g_assert_cmpuint (landed, ==, 1 + 6);

  g_object_set (settings, "gtk-enable-animations", FALSE, NULL);
  gtk_window_destroy (GTK_WINDOW (window));
}

static void
test_fields_and_bytes (void)
{
  HlWindow *window = new_window ();
  HlLadderView *ladder = hl_window_get_ladder (window);
  HlDetailPane *pane = hl_window_get_detail_pane (window);
  HlHexView *hex = HL_HEX_VIEW (hl_detail_pane_get_hex_view (pane));
  const HlEvent *ch;
  HlField *suite;
  guint off, len;

  hl_window_show_connections (window, fake_capture (), "fake.pcapng");
  hl_window_select_connection (window, 1);
  hl_ladder_view_set_step (ladder, 3, FALSE);
  ch = hl_ladder_view_get_current_event (ladder);
  g_assert_cmpint (ch->kind, ==, HL_EVENT_TLS_HANDSHAKE);
  g_assert_true (hl_hex_view_get_bytes (hex) == ch->bytes_data);

  /* Field -> bytes */
  suite = hl_field_find (ch->fields, "cipher_suite");
  g_assert_true (hl_detail_pane_select_field (pane, suite));
  hl_hex_view_get_highlight (hex, &off, &len);
  g_assert_cmpuint (off, ==, 17);
  g_assert_cmpuint (len, ==, 2);
  g_assert_true (hl_detail_pane_get_selected_field (pane) == suite);

  /* Byte -> innermost field */
  g_signal_emit_by_name (hex, "byte-activated", 4u);
  g_assert_cmpstr (hl_detail_pane_get_selected_field (pane)->name, ==, "legacy_version");
  hl_hex_view_get_highlight (hex, &off, &len);
  g_assert_cmpuint (off, ==, 4);
  g_assert_cmpuint (len, ==, 2);
  g_signal_emit_by_name (hex, "byte-activated", 1u);
  g_assert_cmpstr (hl_detail_pane_get_selected_field (pane)->name, ==, "length");

  /* An encrypted record without keys has no fields and says why. */
  hl_ladder_view_set_step (ladder, 6, FALSE);
  g_assert_null (hl_hex_view_get_bytes (hex));
  g_assert_null (hl_detail_pane_get_selected_field (pane));

  /* Back to the fields, then close: the field rows let go of the connection. */
  hl_ladder_view_set_step (ladder, 3, FALSE);
  g_assert_true (hl_detail_pane_select_field (pane, suite));
  spin (100);
  freed_connections = 0;
  gtk_window_destroy (GTK_WINDOW (window));
  spin (100);
  g_assert_cmpuint (freed_connections, ==, 3);
}

static void
test_exports (void)
{
  HlWindow *window = new_window ();
  HlLadderView *ladder = hl_window_get_ladder (window);
  HlLadderColors colors;
  g_autofree char *svg = NULL;
  g_autofree char *png = build_path ("test-gui-ladder.png");
  g_autoptr(GError) error = NULL;
  const char *p;
  guint polygons = 0;

  hl_window_show_connections (window, fake_capture (), "fake.pcapng");
  hl_window_select_connection (window, 2);
  hl_ladder_view_get_colors (ladder, &colors);
  svg = hl_ladder_export_svg (hl_ladder_view_get_layout (ladder), &colors, 800);
  g_assert_true (g_str_has_prefix (svg, "<?xml"));
  g_assert_nonnull (strstr (svg, "<svg xmlns=\"http://www.w3.org/2000/svg\""));
  g_assert_nonnull (strstr (svg, "10.0.0.2:51002"));
  g_assert_nonnull (strstr (svg, "RTT 31.3 ms"));
  g_assert_true (g_str_has_suffix (svg, "</svg>\n"));
  /* One arrowhead per arrow (9 steps, no summary rows). */
  for (p = svg; (p = strstr (p, "<polygon")); p++)
    polygons++;
  g_assert_cmpuint (polygons, >=, 9);
  {
    static const GMarkupParser parser = { 0 };
    g_autoptr(GMarkupParseContext) ctx = g_markup_parse_context_new (&parser, 0, NULL, NULL);
    g_assert_true (g_markup_parse_context_parse (ctx, svg, -1, NULL));
    g_assert_true (g_markup_parse_context_end_parse (ctx, NULL));
  }

  g_assert_true (hl_ladder_view_save_png (ladder, png, &error));
  g_assert_no_error (error);
  assert_png (png, 760, (int) hl_ladder_view_get_layout (ladder)->height, 10000);
  gtk_window_destroy (GTK_WINDOW (window));
}

/* ---- through the real engine ---- */

static void
test_corpus_tls1_1 (void)
{
  const char *corpus = g_getenv ("HL_CORPUS");
  g_autofree char *path = corpus ? g_build_filename (corpus, "snet__tls1_1.pcap", NULL) : NULL;
  g_autofree char *png = build_path ("test-gui-corpus.png");
  g_autoptr(GFile) file = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *banner = NULL;
  HlWindow *window;
  HlLadderView *ladder;
  HlConnectionItem *item;
  const HlConnection *conn;

  if (path == NULL || !g_file_test (path, G_FILE_TEST_EXISTS))
    {
      g_test_skip ("HL_CORPUS/snet__tls1_1.pcap not available");
      return;
    }
  window = new_window ();
  file = g_file_new_for_path (path);
  g_assert_true (wait_for_load (window, file, NULL));
  g_assert_false (hl_window_is_loading (window));
  g_assert_cmpstr (hl_window_get_page (window), ==, "capture");
  g_assert_cmpuint (g_list_model_get_n_items (hl_window_get_connection_list (window)), ==, 2);

  /* Connection 1 fails with protocol_version and is selected first. */
  item = hl_window_get_selected (window);
  g_assert_nonnull (item);
  g_assert_cmpuint (hl_connection_item_get_id (item), ==, 1);
  conn = hl_connection_item_get_connection (item);
  ladder = hl_window_get_ladder (window);
  g_assert_cmpuint (hl_ladder_view_get_n_steps (ladder), ==, conn->events->len);
  banner = hl_diagnosis_banner_get_text (hl_window_get_banner (window));
  g_assert_nonnull (strstr (banner, "protocol"));

  {
    g_autofree char *first = g_strdup_printf ("Step 1 of %u", conn->events->len);
    g_autofree char *second = g_strdup_printf ("Step 2 of %u", conn->events->len);
    gtk_widget_activate_action (GTK_WIDGET (window), "win.step-first", NULL);
    g_assert_cmpstr (hl_window_get_step_text (window), ==, first);
    gtk_widget_activate_action (GTK_WIDGET (window), "win.step-forward", NULL);
    g_assert_cmpstr (hl_window_get_step_text (window), ==, second);
  }

  spin (300);
  g_assert_true (hl_render_widget_to_png (GTK_WIDGET (window), png, &error));
  g_assert_no_error (error);
  assert_png (png, 1000, 700, 20000);
  gtk_window_destroy (GTK_WINDOW (window));
}

/* Adding a key log reads the capture again, keeps the selected connection
 * and step, and turns locked records into decrypted messages. */
static void
test_corpus_keylog (void)
{
  const char *corpus = g_getenv ("HL_CORPUS");
  g_autofree char *path = corpus ? g_build_filename (corpus, "snet__tls1.3_aes128.pcap", NULL) : NULL;
  g_autofree char *keys = corpus ? g_build_filename (corpus, "snet__tls1.3_aes128.keylog", NULL) : NULL;
  g_autoptr(GFile) file = NULL;
  g_autoptr(GFile) keylog = NULL;
  HlWindow *window;
  HlLadderView *ladder;
  const HlLadderLayout *layout;
  guint locked = 0, unlocked = 0, n_before;

  if (path == NULL || !g_file_test (path, G_FILE_TEST_EXISTS))
    {
      g_test_skip ("HL_CORPUS/snet__tls1.3_aes128.pcap not available");
      return;
    }
  window = new_window ();
  ladder = hl_window_get_ladder (window);
  file = g_file_new_for_path (path);
  keylog = g_file_new_for_path (keys);
  g_assert_true (wait_for_load (window, file, NULL));
  layout = hl_ladder_view_get_layout (ladder);
  for (guint i = 0; i < hl_ladder_layout_n_steps (layout); i++)
    locked += hl_ladder_layout_step_row (layout, i)->icon == HL_LADDER_ICON_LOCKED;
  g_assert_cmpuint (locked, >, 0);
  n_before = hl_ladder_view_get_n_steps (ladder);
  hl_ladder_view_set_step (ladder, 2, FALSE);

  g_assert_true (wait_for (window, start_add_keylog, keylog));
  g_assert_cmpuint (hl_connection_item_get_id (hl_window_get_selected (window)), ==, 1);
  g_assert_cmpint (hl_ladder_view_get_step (ladder), ==, 2);
  g_assert_cmpstr (hl_window_get_page (window), ==, "capture");
  layout = hl_ladder_view_get_layout (ladder);
  locked = 0;
  for (guint i = 0; i < hl_ladder_layout_n_steps (layout); i++)
    {
      locked += hl_ladder_layout_step_row (layout, i)->icon == HL_LADDER_ICON_LOCKED;
      unlocked += hl_ladder_layout_step_row (layout, i)->icon == HL_LADDER_ICON_UNLOCKED;
    }
  /* Decrypted: EncryptedExtensions, Certificate, CertificateVerify, Finished x2 at least. */
  g_assert_cmpuint (unlocked, >=, 5);
  g_assert_cmpuint (locked, ==, 0);
  g_assert_cmpuint (hl_ladder_view_get_n_steps (ladder), >, n_before);
  gtk_window_destroy (GTK_WINDOW (window));
}

/* Test a Server against a port nobody listens on: the probe records the
 * refused SYN and the window shows it like a capture. */
static void
test_probe_refused (void)
{
  g_autoptr(GSocket) sock = NULL;
  g_autoptr(GSocketAddress) any = NULL;
  g_autoptr(GSocketAddress) bound = NULL;
  g_autofree char *banner = NULL;
  HlWindow *window;
  guint port;

  /* A free port: bind, read the number, close. */
  sock = g_socket_new (G_SOCKET_FAMILY_IPV4, G_SOCKET_TYPE_STREAM, G_SOCKET_PROTOCOL_TCP, NULL);
  any = g_inet_socket_address_new_from_string ("127.0.0.1", 0);
  g_assert_true (g_socket_bind (sock, any, TRUE, NULL));
  bound = g_socket_get_local_address (sock, NULL);
  port = g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (bound));
  g_socket_close (sock, NULL);

  window = new_window ();
  g_assert_true (wait_for (window, start_probe_refused, GUINT_TO_POINTER (port)));
  g_assert_cmpstr (hl_window_get_page (window), ==, "capture");
  g_assert_cmpuint (g_list_model_get_n_items (hl_window_get_connection_list (window)), ==, 1);
  g_assert_cmpint (hl_format_connection_state (hl_connection_item_get_connection (hl_window_get_selected (window))),
                   ==, HL_CONNECTION_STATE_FAILED);
  banner = hl_diagnosis_banner_get_text (hl_window_get_banner (window));
  g_assert_nonnull (strstr (banner, "refused"));
  {
    g_autofree char *title = g_strdup_printf ("Handshake Lens — 127.0.0.1:%u", port);
    g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (window)), ==, title);
  }
  gtk_window_destroy (GTK_WINDOW (window));
}

/* The gallery lists the bundled captures; opening one reads it from the
 * GResource bundle (through an in-memory file) with its key log. */
static void
test_examples (void)
{
  HlWindow *window = new_window ();
  HlExamplesPage *page = HL_EXAMPLES_PAGE (find_widget (GTK_WIDGET (window), HL_TYPE_EXAMPLES_PAGE));
  g_autoptr(GFile) capture = NULL;
  g_autoptr(GFile) keylog = NULL;

  g_assert_cmpuint (hl_examples_page_get_n_examples (page), ==, 13);
  g_assert_true (hl_examples_lookup ("tls13_basic.pcap", &capture, &keylog));
  g_assert_nonnull (keylog);
  g_assert_false (hl_examples_lookup ("no-such-example.pcap", NULL, NULL));

  gtk_widget_activate_action (GTK_WIDGET (window), "win.show-examples", NULL);
  g_assert_true (wait_for (window, start_example, (gpointer) "refused_port.pcap"));
  g_assert_null (hl_window_get_message (window));
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (window)), ==, "Handshake Lens — refused_port.pcap");
  g_assert_cmpstr (hl_window_get_page (window), ==, "capture");
  g_assert_cmpuint (g_list_model_get_n_items (hl_window_get_connection_list (window)), ==, 1);
  /* SYN, then the RST that refuses it. */
  g_assert_cmpuint (hl_ladder_view_get_n_steps (hl_window_get_ladder (window)), ==, 2);
  gtk_window_destroy (GTK_WINDOW (window));
}

/* A key log with nothing usable in it is named, with what to check. */
static void
test_keylog_without_secrets (void)
{
  const char *data = g_getenv ("HL_TEST_DATA");
  g_autofree char *capture_path = data ? g_build_filename (data, "tls13_basic.pcap", NULL) : NULL;
  g_autofree char *junk_path = build_path ("test-gui-junk.keylog");
  g_autoptr(GFile) capture = NULL;
  g_autoptr(GFile) junk = NULL;
  g_autoptr(GPtrArray) keylogs = g_ptr_array_new_with_free_func (g_object_unref);
  gboolean done = FALSE;
  gulong id;
  HlWindow *window;

  if (capture_path == NULL || !g_file_test (capture_path, G_FILE_TEST_EXISTS))
    {
      g_test_skip ("HL_TEST_DATA/tls13_basic.pcap not available");
      return;
    }
  g_assert_true (g_file_set_contents (junk_path, "# comment\nnot a key line\nCLIENT_RANDOM zz\n", -1, NULL));
  capture = g_file_new_for_path (capture_path);
  junk = g_file_new_for_path (junk_path);
  g_ptr_array_add (keylogs, g_object_ref (junk));

  window = new_window ();
  id = g_signal_connect (window, "load-finished", G_CALLBACK (on_finished), &done);
  hl_window_open (window, capture, keylogs);
  while (!done)
    g_main_context_iteration (NULL, TRUE);
  g_signal_handler_disconnect (window, id);
  g_assert_nonnull (hl_window_get_message (window));
  g_assert_nonnull (strstr (hl_window_get_message (window), "The key log holds no TLS secrets (3 lines read"));
  g_unlink (junk_path);
  gtk_window_destroy (GTK_WINDOW (window));
}

static void
test_open_error (void)
{
  g_autofree char *path = build_path ("test-gui-not-a-capture.txt");
  g_autoptr(GFile) file = NULL;
  HlWindow *window = new_window ();

  g_assert_true (g_file_set_contents (path, "hello, this is not a capture\n", -1, NULL));
  file = g_file_new_for_path (path);
  g_assert_true (wait_for_load (window, file, NULL));
  /* Nothing loaded: back on the welcome page, with what happened and what to do. */
  g_assert_cmpstr (hl_window_get_page (window), ==, "welcome");
  g_assert_nonnull (hl_window_get_message (window));
  g_assert_nonnull (strstr (hl_window_get_message (window), "test-gui-not-a-capture.txt"));
  g_assert_nonnull (strstr (hl_window_get_message (window), "pcap and pcapng"));
  g_unlink (path);
  gtk_window_destroy (GTK_WINDOW (window));
}

int
main (int argc, char **argv)
{
  const char *build = g_getenv ("HL_BUILD_ROOT");

  if (build)
    {
      g_autofree char *schemas = g_build_filename (build, "data", NULL);
      g_setenv ("GSETTINGS_SCHEMA_DIR", schemas, TRUE);
    }
  g_setenv ("GSETTINGS_BACKEND", "memory", TRUE);
  g_test_init (&argc, &argv, NULL);
  if (!gtk_init_check ())
    {
      g_test_skip ("no display");
      return 0;
    }
  adw_init ();
  load_app_style ();
  g_object_set (gtk_settings_get_default (), "gtk-enable-animations", FALSE, NULL);

  g_test_add_func ("/gui/welcome", test_welcome);
  g_test_add_func ("/gui/probe-dialog", test_probe_dialog);
  g_test_add_func ("/gui/list-and-filters", test_list_and_filters);
  g_test_add_func ("/gui/failed-connection", test_failed_connection);
  g_test_add_func ("/gui/playback", test_playback);
  g_test_add_func ("/gui/fields-and-bytes", test_fields_and_bytes);
  g_test_add_func ("/gui/exports", test_exports);
  g_test_add_func ("/gui/open-error", test_open_error);
  g_test_add_func ("/gui/examples", test_examples);
  g_test_add_func ("/gui/keylog-without-secrets", test_keylog_without_secrets);
  g_test_add_func ("/gui/corpus/tls1_1", test_corpus_tls1_1);
  g_test_add_func ("/gui/corpus/keylog", test_corpus_keylog);
  g_test_add_func ("/gui/probe-refused", test_probe_refused);
  return g_test_run ();
}
