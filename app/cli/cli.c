/* cli.c: `handshake-lens --report=json|text|markdown FILE... [--keylog F]` */
#include "config.h"
#include "cli.h"

#include <glib/gi18n.h>
#include <locale.h>
#include <stdio.h>

#include "engine.h"
#include "report.h"
#include "hl-error.h"
#include "probe.h"

void
hl_cli_init_i18n (void)
{
  /* HL_LOCALEDIR lets tests use the .mo files of an uninstalled build
   * (<build>/po/<lang>/LC_MESSAGES/). */
  const char *localedir = g_getenv ("HL_LOCALEDIR");

  if (localedir == NULL || *localedir == '\0')
    localedir = LOCALEDIR;
  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, localedir);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);
}

typedef struct {
  char    *report;
  char   **keylogs;
  char    *ca_file;
  gboolean version;
  char   **files;
  char    *probe;
  char    *sni;
  char    *alpn;
  char    *tls_version;
  gboolean no_verify;
  int      timeout;
  char    *save;
} CliOptions;

static void
cli_options_clear (CliOptions *o)
{
  g_free (o->report);
  g_strfreev (o->keylogs);
  g_free (o->ca_file);
  g_strfreev (o->files);
  g_free (o->probe);
  g_free (o->sni);
  g_free (o->alpn);
  g_free (o->tls_version);
  g_free (o->save);
}

static gboolean
parse_format (const char *name, HlReportFormat *format)
{
  if (g_strcmp0 (name, "json") == 0)
    *format = HL_REPORT_JSON;
  else if (g_strcmp0 (name, "text") == 0)
    *format = HL_REPORT_TEXT;
  else if (g_strcmp0 (name, "markdown") == 0 || g_strcmp0 (name, "md") == 0)
    *format = HL_REPORT_MARKDOWN;
  else
    return FALSE;
  return TRUE;
}

typedef struct {
  HlReport *report;
} DoneData;

static void
on_connection_done (HlConnection *conn, gpointer user_data)
{
  DoneData *d = user_data;
  hl_report_add (d->report, conn);
}

static char *
render_connection (HlConnection *conn, gpointer user_data)
{
  DoneData *d = user_data;
  return hl_report_render (d->report, conn);
}

static void
write_connection (const char *text, gpointer user_data)
{
  DoneData *d = user_data;
  hl_report_write (d->report, text);
}

/* An engine for one capture file: streaming, no field trees, the user's
 * key logs and CA file.  Key log errors are reported for the first file
 * only (every file loads the same ones). */
static HlEngine *
report_engine_new (CliOptions *o, DoneData *done, gboolean report_errors, int *status)
{
  HlEngine *engine = hl_engine_new ();

  hl_engine_set_keep_fields (engine, FALSE);   /* reports never show field trees */
  for (guint i = 0; o->keylogs && o->keylogs[i]; i++)
    {
      g_autoptr(GError) error = NULL;
      if (!hl_keylog_load_file (hl_engine_get_keylog (engine), o->keylogs[i], &error) && report_errors)
        {
          g_printerr (_("handshake-lens: cannot read key log %s: %s\n"), o->keylogs[i], error->message);
          *status = 1;
        }
    }
  if (o->ca_file)
    hl_engine_set_ca_file (engine, o->ca_file);
  /* diagnosis and output overlap with reading the next packets; each
   * connection is rendered when it closes, written in order */
  hl_engine_set_output_thread (engine, TRUE);
  hl_engine_set_render_func (engine, render_connection, write_connection, done);
  return engine;
}

static int
run_report (CliOptions *o, HlReportFormat format)
{
  g_autoptr(GError) input_error = NULL;
  HlEngine *engine = NULL;
  HlReport *report;
  DoneData done;
  int status = 0;

  /* From a stream (a live capture piped in), each connection's report
   * goes out when it is done, also into a pipe or a file. */
  for (guint i = 0; o->files[i]; i++)
    if (g_str_equal (o->files[i], "-") || !g_file_test (o->files[i], G_FILE_TEST_IS_REGULAR))
      setvbuf (stdout, NULL, _IOLBF, 0);
  report = hl_report_new (format, stdout);
  done.report = report;

  for (guint i = 0; o->files[i]; i++)
    {
      g_autoptr(GError) error = NULL;
      /* Each file is a separate capture; frame numbers restart. */
      if (engine)
        hl_engine_free (engine);
      engine = report_engine_new (o, &done, i == 0, &status);
      if (!hl_engine_process_file (engine, o->files[i], NULL, &error))
        {
          /* The reader's messages already name the file. */
          g_printerr ("handshake-lens: %s\n", error->message);
          status = 1;
          if (input_error == NULL)
            input_error = g_error_copy (error);
        }
    }
  if (engine == NULL)
    engine = report_engine_new (o, &done, TRUE, &status);
  hl_report_end (report, hl_engine_get_stats (engine), input_error);
  hl_report_free (report);
  hl_engine_free (engine);
  fflush (stdout);
  return status;
}

static int
run_probe (CliOptions *o, HlReportFormat format)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(HlProbeRecording) rec = NULL;
  g_autofree char *host = NULL;
  HlProbeOptions po = { 0 };
  HlEngine *engine;
  HlReport *report;
  DoneData done;

  if (!hl_probe_parse_target (o->probe, &host, &po.port, &error))
    {
      g_printerr ("handshake-lens: %s\n", error->message);
      return 2;
    }
  po.host = host;
  po.sni = o->sni;
  po.alpn = o->alpn;
  po.ca_file = o->ca_file;
  po.no_verify = o->no_verify;
  po.timeout_ms = o->timeout > 0 ? (guint) o->timeout * 1000 : 5000;
  if (o->tls_version)
    {
      if (g_str_equal (o->tls_version, "1.2"))
        po.tls_version = 12;
      else if (g_str_equal (o->tls_version, "1.3"))
        po.tls_version = 13;
      else
        {
          g_printerr (_("handshake-lens: --tls-version takes 1.2 or 1.3\n"));
          return 2;
        }
    }
  rec = hl_probe_run (&po, NULL, &error);
  if (rec == NULL)
    {
      g_printerr ("handshake-lens: %s\n", error->message);
      return 1;
    }
  engine = hl_engine_new ();
  if (o->ca_file)
    hl_engine_set_ca_file (engine, o->ca_file);
  report = hl_report_new (format, stdout);
  done.report = report;
  hl_engine_set_done_func (engine, on_connection_done, &done);
  hl_probe_recording_feed (rec, engine);
  hl_engine_finish (engine);
  hl_report_end (report, hl_engine_get_stats (engine), NULL);
  hl_report_free (report);
  hl_engine_free (engine);
  if (hl_probe_recording_tls_error (rec))
    g_printerr (_("handshake-lens: %s: %s\n"), hl_probe_recording_peer (rec),
                hl_probe_recording_tls_error (rec));
  if (o->save && !hl_probe_recording_save (rec, o->save, &error))
    {
      g_printerr (_("handshake-lens: cannot save %s: %s\n"), o->save, error->message);
      return 1;
    }
  fflush (stdout);
  return 0;
}

int
hl_cli_run (int argc, char **argv, gboolean gui_available)
{
  CliOptions o = { 0 };
  GOptionEntry entries[] = {
    { "report", 'r', 0, G_OPTION_ARG_STRING, &o.report,
      N_("Print a report instead of opening the window: json, text or markdown"), N_("FORMAT") },
    { "keylog", 'k', 0, G_OPTION_ARG_FILENAME_ARRAY, &o.keylogs,
      N_("TLS key log file (SSLKEYLOGFILE format); may be repeated"), N_("FILE") },
    { "ca-file", 0, 0, G_OPTION_ARG_FILENAME, &o.ca_file,
      N_("Extra trusted CA certificates (PEM) for certificate checks"), N_("FILE") },
    { "probe", 'p', 0, G_OPTION_ARG_STRING, &o.probe,
      N_("Connect to a server, record the handshake and report it (no privileges needed)"), N_("HOST[:PORT]") },
    { "sni", 0, 0, G_OPTION_ARG_STRING, &o.sni, N_("Probe: server name to send (default: HOST)"), N_("NAME") },
    { "alpn", 0, 0, G_OPTION_ARG_STRING, &o.alpn, N_("Probe: protocols to offer, e.g. h2,http/1.1"), N_("LIST") },
    { "tls-version", 0, 0, G_OPTION_ARG_STRING, &o.tls_version, N_("Probe: offer only this version (1.2 or 1.3)"), N_("VERSION") },
    { "no-verify", 0, 0, G_OPTION_ARG_NONE, &o.no_verify, N_("Probe: do not reject an untrusted certificate"), NULL },
    { "timeout", 0, 0, G_OPTION_ARG_INT, &o.timeout, N_("Probe: seconds to wait for the server (default 5)"), N_("SECONDS") },
    { "save", 0, 0, G_OPTION_ARG_FILENAME, &o.save, N_("Probe: save the recording as pcapng with its keys"), N_("FILE") },
    { "version", 0, 0, G_OPTION_ARG_NONE, &o.version, N_("Show the version and exit"), NULL },
    { G_OPTION_REMAINING, 0, 0, G_OPTION_ARG_FILENAME_ARRAY, &o.files, NULL, N_("[FILE…]") },
    { NULL }
  };
  g_autoptr(GOptionContext) ctx = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) args = NULL;
  HlReportFormat format = HL_REPORT_JSON;
  gboolean headless;
  int status;

  /* Decide GUI vs headless before GOptionContext consumes anything, so GTK
   * gets its own arguments untouched. */
  headless = !gui_available;
  for (int i = 1; i < argc; i++)
    if (g_str_has_prefix (argv[i], "--report") || g_str_equal (argv[i], "-r") ||
        g_str_equal (argv[i], "--version") || g_str_equal (argv[i], "--help") ||
        g_str_equal (argv[i], "-h") || g_str_has_prefix (argv[i], "--probe") ||
        g_str_equal (argv[i], "-p"))
      headless = TRUE;
  if (!headless)
    return -1;

  ctx = g_option_context_new (_("— see and diagnose TCP and TLS handshakes"));
  g_option_context_add_main_entries (ctx, entries, GETTEXT_PACKAGE);
  g_option_context_set_translation_domain (ctx, GETTEXT_PACKAGE);
  g_option_context_set_description (ctx,
    _("Examples:\n"
      "  handshake-lens --report=text capture.pcapng\n"
      "  handshake-lens --report=json capture.pcap --keylog sslkeys.log\n"
      "  tcpdump -U -w - | handshake-lens --report=text -\n"
      "  handshake-lens --probe example.org:443 --report=text\n"));
  args = g_strdupv (argv);
  {
    /* parse_strv frees what it removes from the vector (parse would leak it). */
    if (!g_option_context_parse_strv (ctx, &args, &error))
      {
        g_printerr ("handshake-lens: %s\n", error->message);
        g_printerr (_("Try “handshake-lens --help” for more information.\n"));
        cli_options_clear (&o);
        return 2;
      }
  }
  if (o.version)
    {
      g_print ("handshake-lens %s\n", PACKAGE_VERSION);
      cli_options_clear (&o);
      return 0;
    }
  if (o.report == NULL)
    o.report = g_strdup ("text");
  if (!parse_format (o.report, &format))
    {
      g_printerr (_("handshake-lens: unknown report format “%s” (use json, text or markdown)\n"), o.report);
      cli_options_clear (&o);
      return 2;
    }
  if (o.probe)
    {
      status = o.files && o.files[0] ? 2 : run_probe (&o, format);
      if (status == 2 && o.files && o.files[0])
        g_printerr (_("handshake-lens: --probe does not take capture files\n"));
      cli_options_clear (&o);
      return status;
    }
  if (o.files == NULL || o.files[0] == NULL)
    {
      g_printerr (_("handshake-lens: no capture file given (use - for standard input)\n"));
      cli_options_clear (&o);
      return 2;
    }
  status = run_report (&o, format);
  cli_options_clear (&o);
  return status;
}
