/* Live sources in the window: a pcap stream on a pipe shows its connection
 * before the stream ends; Record on "lo" (as root) shows a local
 * connection, directly and through the capture helper; a refused capture
 * shows the whole remedy; a stopped session saves as pcapng that reopens
 * with the same connections. */
#include "config.h"

#include <adwaita.h>
#include <gio/gio.h>
#include <glib/gstdio.h>
#include <string.h>
#include <unistd.h>

#include "capture-loader.h"
#include "engine.h"
#include "window.h"
#include "gui-test-util.h"

/* Spins until the sidebar has n rows or ms pass; TRUE if it has. */
static gboolean
wait_rows (HlWindow *window, guint n, guint ms)
{
  gint64 end = g_get_monotonic_time () + ms * 1000;

  while (g_list_model_get_n_items (hl_window_get_connection_list (window)) < n &&
         g_get_monotonic_time () < end)
    g_main_context_iteration (NULL, FALSE);
  return g_list_model_get_n_items (hl_window_get_connection_list (window)) >= n;
}

static gboolean
write_all (int fd, const guint8 *data, gsize len)
{
  while (len > 0)
    {
      ssize_t n = write (fd, data, len);
      if (n <= 0)
        return FALSE;
      data += n;
      len -= n;
    }
  return TRUE;
}

static void
check_saved (HlWindow *window, guint n_rows)
{
  g_autofree char *path = g_build_filename (g_get_tmp_dir (), "hl-live-save-test.pcapng", NULL);
  g_autoptr(GError) error = NULL;
  HlEngine *e;

  g_assert_true (hl_window_save_capture (window, path, &error));
  g_assert_no_error (error);
  e = hl_engine_new ();
  hl_engine_set_retain (e, TRUE);
  g_assert_true (hl_engine_process_file (e, path, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (hl_engine_get_connections (e)->len, ==, n_rows);
  for (guint i = 0; i < n_rows; i++)
    {
      g_autoptr(HlConnectionItem) item = g_list_model_get_item (hl_window_get_connection_list (window), i);
      const HlConnection *a = hl_connection_item_get_connection (item);
      const HlConnection *b = g_ptr_array_index (hl_engine_get_connections (e), i);
      g_assert_cmpuint (a->client.port, ==, b->client.port);
      g_assert_cmpuint (a->server.port, ==, b->server.port);
      g_assert_cmpuint (a->events->len, ==, b->events->len);
    }
  hl_engine_free (e);
  g_unlink (path);
}

/* (a) a pcap stream on a pipe, written in two halves */
static void
test_pipe (void)
{
  g_autofree char *path = g_build_filename (g_getenv ("HL_TEST_DATA"), "tls13_basic.pcap", NULL);
  g_autofree char *data = NULL;
  gsize len;
  int fds[2];
  HlWindow *window;
  HlConnectionItem *item;
  const HlConnection *conn;
  gboolean has_server_hello = FALSE;

  if (!g_file_get_contents (path, &data, &len, NULL))
    {
      g_test_skip ("no tls13_basic.pcap");
      return;
    }
  g_assert_cmpint (pipe (fds), ==, 0);
  window = new_window ();
  hl_window_start_loader (window, hl_capture_loader_new_for_fd (fds[0], "pipe", NULL));
  g_assert_true (hl_window_is_recording (window));
  g_assert_cmpstr (hl_window_get_recording_text (window, NULL), ==, "Recording on pipe");
  g_assert_true (write_all (fds[1], (guint8 *) data, len / 2));
  spin (300);
  g_assert_true (hl_window_is_recording (window));
  g_assert_true (write_all (fds[1], (guint8 *) data + len / 2, len - len / 2));
  /* The stream stays open: the row must come from the idle hand-over. */
  {
    gint64 t0 = g_get_monotonic_time ();
    g_assert_true (wait_rows (window, 1, 8000));
    g_test_message ("pipe: row after %.2f s", (g_get_monotonic_time () - t0) / 1e6);
  }
  g_assert_true (hl_window_is_recording (window));
  {
    const char *counts = NULL;
    hl_window_get_recording_text (window, &counts);
    g_assert_nonnull (strstr (counts, "packets"));
  }
  item = hl_window_get_selected (window);
  g_assert_nonnull (item);
  conn = hl_connection_item_get_connection (item);
  g_assert_nonnull (conn->tls);
  for (guint i = 0; i < conn->events->len; i++)
    {
      const HlEvent *ev = g_ptr_array_index (conn->events, i);
      if (ev->kind == HL_EVENT_TLS_HANDSHAKE && ev->tls_type == 2 && ev->dir == HL_DIR_S2C)
        has_server_hello = TRUE;
    }
  g_assert_true (has_server_hello);
  g_assert_cmpuint (hl_ladder_view_get_n_steps (hl_window_get_ladder (window)), >=, 6);
  /* Stop is immediate even though the pipe is still open. */
  hl_window_stop_recording (window);
  g_assert_false (hl_window_is_recording (window));
  g_assert_null (hl_window_get_recording_text (window, NULL));
  g_assert_cmpuint (g_list_model_get_n_items (hl_window_get_connection_list (window)), ==, 1);
  /* (d) save */
  check_saved (window, 1);
  close (fds[1]);
  gtk_window_destroy (GTK_WINDOW (window));
  spin (100);
}

static gboolean
is_root (void)
{
  return geteuid () == 0;
}

/* (b) Record on lo while a TCP connect to a closed local port runs. */
static void
record_lo (gboolean helper)
{
  g_autoptr(GSocketClient) client = g_socket_client_new ();
  g_autoptr(GSocketConnection) c = NULL;
  HlWindow *window;
  const HlConnection *conn;
  guint16 port = 47000 + g_random_int_range (0, 900);
  g_autofree char *filter = g_strdup_printf ("tcp port %u", port);

  if (!is_root ())
    {
      g_test_skip ("capturing needs root");
      return;
    }
  if (helper)
    {
      g_autofree char *h = g_build_filename (g_getenv ("HL_BUILD_ROOT"), "app", "cli",
                                             "handshake-lens-capture", NULL);
      g_setenv ("HL_LIVE_FORCE_HELPER", "1", TRUE);
      g_setenv ("HL_CAPTURE_HELPER", h, TRUE);
    }
  window = new_window ();
  hl_window_record (window, "lo", filter);
  g_assert_true (hl_window_is_recording (window));
  spin (700);   /* the capture is open */
  c = g_socket_client_connect_to_host (client, "127.0.0.1", port, NULL, NULL);
  g_assert_null (c);   /* refused: SYN, RST */
  {
    gint64 t0 = g_get_monotonic_time ();
    g_assert_true (wait_rows (window, 1, 8000));
    g_test_message ("lo%s: row after %.2f s", helper ? " (helper)" : "",
                    (g_get_monotonic_time () - t0) / 1e6);
  }
  g_assert_true (hl_window_is_recording (window));
  {
    /* drop counters are shown both ways: pcap_stats directly, or the
     * helper's "stats" lines (at most one a second, after a packet) */
    const char *counts = NULL;
    gint64 t0 = g_get_monotonic_time ();
    do
      {
        spin (100);
        hl_window_get_recording_text (window, &counts);
      }
    while ((counts == NULL || strstr (counts, "dropped") == NULL) &&
           g_get_monotonic_time () - t0 < 3 * G_USEC_PER_SEC);
    g_assert_nonnull (counts);
    g_assert_nonnull (strstr (counts, "0 dropped"));
  }
  conn = hl_connection_item_get_connection (hl_window_get_selected (window));
  g_assert_cmpuint (conn->server.port, ==, port);
  g_assert_cmpint (conn->rst_by, ==, HL_DIR_S2C);
  hl_window_stop_recording (window);
  g_assert_false (hl_window_is_recording (window));
  check_saved (window, 1);
  g_unsetenv ("HL_LIVE_FORCE_HELPER");
  g_unsetenv ("HL_CAPTURE_HELPER");
  gtk_window_destroy (GTK_WINDOW (window));
  spin (100);
}

static void
test_record_direct (void)
{
  record_lo (FALSE);
}

static void
test_record_helper (void)
{
  record_lo (TRUE);
}

/* (c) neither direct capture nor the helper: the full remedy is shown. */
static void
test_permission (void)
{
  HlWindow *window = new_window ();
  gboolean done = FALSE;
  gint64 end = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;
  const char *msg;

  g_setenv ("HL_LIVE_FORCE_HELPER", "1", TRUE);
  g_setenv ("HL_CAPTURE_HELPER", "/nonexistent/handshake-lens-capture", TRUE);
  g_signal_connect (window, "load-finished", G_CALLBACK (on_finished), &done);
  hl_window_record (window, "lo", "tcp");
  while (!done && g_get_monotonic_time () < end)
    g_main_context_iteration (NULL, FALSE);
  g_assert_true (done);
  msg = hl_window_get_message (window);
  g_assert_nonnull (msg);
  g_test_message ("%s", msg);
  g_assert_nonnull (strstr (msg, "Recording on “lo” could not start."));
  g_assert_nonnull (strstr (msg, "CAP_NET_RAW"));
  g_assert_nonnull (strstr (msg, "setcap cap_net_raw,cap_net_admin+ep"));
  g_assert_nonnull (strstr (msg, "sudo tcpdump -U -w - -i lo tcp | handshake-lens -"));
  g_assert_nonnull (strstr (msg, "/nonexistent/handshake-lens-capture"));
  g_assert_false (hl_window_is_recording (window));
  g_unsetenv ("HL_LIVE_FORCE_HELPER");
  g_unsetenv ("HL_CAPTURE_HELPER");
  gtk_window_destroy (GTK_WINDOW (window));
  spin (100);
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
  g_object_set (gtk_settings_get_default (), "gtk-enable-animations", FALSE, NULL);
  g_test_add_func ("/gui-live/pipe", test_pipe);
  g_test_add_func ("/gui-live/record-lo", test_record_direct);
  g_test_add_func ("/gui-live/record-lo-helper", test_record_helper);
  g_test_add_func ("/gui-live/permission", test_permission);
  return g_test_run ();
}
