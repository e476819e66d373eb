/* test-diagnoser.c: every rule on hand-built connections.
 *
 * Each test builds the timeline the engine would produce (events with frame
 * numbers and capture times, conn->tls info, certificates from the fixtures
 * in tests/data/certs) and checks the primary diagnosis, its severity,
 * blame, evidence frames and the concrete values in its summary. */
#include <string.h>
#include <stdarg.h>
#include "catalog.h"
#include "diagnoser.h"
#include "tls-names.h"

/* Capture times: mid-2024 (the fixture leaf is valid during 2024) and
 * mid-2021 (the expired fixture ran out on 1 Jun 2021). */
#define T2024 G_GINT64_CONSTANT (1717200000)   /* 1 Jun 2024 00:00:00 UTC */
#define T2021 G_GINT64_CONSTANT (1625097600)   /* 1 Jul 2021 00:00:00 UTC */
#define SEC   G_GINT64_CONSTANT (1000000000)

/* ---- building connections ------------------------------------------------ */

static gint64 base_ts = T2024;
static const char *ca_file;      /* tests/data/certs/root.pem when a test wants the test root trusted */

static HlConnection *
conn_new (void)
{
  HlConnection *c = hl_connection_new ();
  static const guint8 cip[4] = { 192, 0, 2, 1 }, sip[4] = { 198, 51, 100, 7 };

  c->id = 1;
  c->client.family = c->server.family = 4;
  memcpy (c->client.addr, cip, 4);
  memcpy (c->server.addr, sip, 4);
  c->client.port = 51234;
  c->server.port = 443;
  c->first_ts_ns = base_ts * SEC;
  c->last_ts_ns = c->first_ts_ns;
  return c;
}

/* t: seconds after base_ts */
static HlEvent *
add (HlConnection *c, HlEventKind kind, HlDirection dir, guint64 frame, double t)
{
  HlEvent *e = hl_event_new (kind, dir, frame, base_ts * SEC + (gint64) (t * 1e9));

  hl_connection_add_event (c, e);
  if (c->first_frame == 0)
    c->first_frame = frame;
  c->last_frame = MAX (c->last_frame, frame);
  c->last_ts_ns = MAX (c->last_ts_ns, e->ts_ns);
  switch (kind)
    {
    case HL_EVENT_TCP_SYN: c->syn = TRUE; c->syn_count++; break;
    case HL_EVENT_TCP_SYN_ACK: c->syn_ack = TRUE; break;
    case HL_EVENT_TCP_ACK: c->ack = TRUE; break;
    case HL_EVENT_TCP_RST: if (c->rst_by < 0) c->rst_by = dir; break;
    case HL_EVENT_TCP_FIN:
      if (c->fin_by_first < 0)
        c->fin_by_first = dir;
      c->fin[dir] = TRUE;
      break;
    case HL_EVENT_TCP_RETRANSMISSION: c->retransmissions++; break;
    case HL_EVENT_TCP_ZERO_WINDOW: c->zero_windows++; break;
    default:
      break;
    }
  return e;
}

static HlEvent *
add_hs (HlConnection *c, HlDirection dir, guint8 type, guint64 frame, double t)
{
  HlEvent *e = add (c, HL_EVENT_TLS_HANDSHAKE, dir, frame, t);
  e->tls_type = type;
  c->payload_bytes[dir] += 100;
  hl_connection_ensure_tls (c);
  return e;
}

static HlEvent *
add_alert (HlConnection *c, HlDirection dir, guint8 level, guint8 desc, guint64 frame, double t)
{
  HlEvent *e = add (c, HL_EVENT_TLS_ALERT, dir, frame, t);
  e->alert_level = level;
  e->tls_type = desc;
  c->payload_bytes[dir] += 7;
  return e;
}

static HlEvent *
add_enc (HlConnection *c, HlDirection dir, guint8 content_type, guint64 bytes, guint64 frame, double t)
{
  HlEvent *e = add (c, HL_EVENT_TLS_ENCRYPTED, dir, frame, t);
  e->tls_type = content_type;
  e->encrypted = TRUE;
  e->bytes = bytes;
  c->payload_bytes[dir] += bytes + 5;
  return e;
}

static HlEvent *
add_text (HlConnection *c, HlDirection dir, const char *text, guint64 frame, double t)
{
  HlEvent *e = add (c, HL_EVENT_PLAINTEXT, dir, frame, t);
  e->text = g_strdup (text);
  c->payload_bytes[dir] += strlen (text);
  return e;
}

static HlEvent *
add_app_data (HlConnection *c, guint64 frame, double t, guint64 up, guint64 down)
{
  HlEvent *e = add (c, HL_EVENT_TLS_APP_DATA, HL_DIR_C2S, frame, t);
  e->count = (up ? 1 : 0) + (down ? 1 : 0);
  e->app_records[0] = up ? 1 : 0;
  e->app_records[1] = down ? 1 : 0;
  e->app_bytes[0] = up;
  e->app_bytes[1] = down;
  e->bytes = up + down;
  c->payload_bytes[0] += up;
  c->payload_bytes[1] += down;
  return e;
}

/* SYN (1), SYN-ACK (2), ACK (3) with a 20 ms round trip. */
static void
tcp_open (HlConnection *c)
{
  add (c, HL_EVENT_TCP_SYN, HL_DIR_C2S, 1, 0.000);
  add (c, HL_EVENT_TCP_SYN_ACK, HL_DIR_S2C, 2, 0.020);
  add (c, HL_EVENT_TCP_ACK, HL_DIR_C2S, 3, 0.021);
}

/* A TLS 1.3 ClientHello offering 1.3 and 1.2, three suites, x25519 and
 * P-256, ALPN h2 + http/1.1 and the usual extensions. */
static HlClientHelloInfo *
ch_tls13 (const char *sni)
{
  HlClientHelloInfo *ch = g_new0 (HlClientHelloInfo, 1);
  ch->legacy_version = 0x0303;
  HL_LIST_SET_STATIC (ch->supported_versions, 0x0304, 0x0303);
  HL_LIST_SET_STATIC (ch->cipher_suites, 0x1301, 0x1302, 0x1303, 0xc02f);
  HL_LIST_SET_STATIC (ch->extensions, 0, 10, 13, 16, 43, 45, 51, 23);
  HL_LIST_SET_STATIC (ch->supported_groups, 0x001d, 0x0017);
  HL_LIST_SET_STATIC (ch->key_share_groups, 0x001d);
  HL_LIST_SET_STATIC (ch->signature_algorithms, 0x0403, 0x0804);
  HL_LIST_SET_STATIC (ch->alpn, "h2", "http/1.1");
  ch->sni = sni;
  for (guint i = 0; i < 32; i++)
    ch->random[i] = (guint8) (0xa0 + i);
  return ch;
}

static HlServerHelloInfo *
sh_info (guint16 version, guint16 suite, guint16 group)
{
  HlServerHelloInfo *sh = g_new0 (HlServerHelloInfo, 1);
  sh->legacy_version = 0x0303;
  sh->selected_version = version == 0x0304 ? 0x0304 : 0;
  sh->cipher_suite = suite;
  sh->key_share_group = group;
  return sh;
}

static HlCertificate *
fixture (const char *name)
{
  g_autofree char *file = g_strconcat (name, ".der", NULL);
  g_autofree char *path = g_build_filename (g_getenv ("HL_TEST_DATA"), "certs", file, NULL);
  g_autofree char *der = NULL;
  gsize len = 0;
  HlCertificate *c;

  g_assert_true (g_file_get_contents (path, &der, &len, NULL));
  c = hl_certificate_new_from_der ((const guint8 *) der, len);
  g_assert_null (c->parse_error);
  return c;
}

/* A certificate from the generator's PEM files (tests/gen/certs). */
static HlCertificate *
gen_cert (const char *name)
{
  g_autofree char *file = g_strconcat (name, ".pem", NULL);
  g_autofree char *path = g_build_filename (g_getenv ("HL_SOURCE_ROOT"), "tests", "gen", "certs", file, NULL);
  g_autofree char *pem = NULL;
  g_autofree guchar *der = NULL;
  const char *begin, *end;
  gsize len = 0;
  HlCertificate *c;

  g_assert_true (g_file_get_contents (path, &pem, NULL, NULL));
  begin = strstr (pem, "-----BEGIN CERTIFICATE-----");
  g_assert_nonnull (begin);
  begin += strlen ("-----BEGIN CERTIFICATE-----");
  end = strstr (begin, "-----END CERTIFICATE-----");
  g_assert_nonnull (end);
  {
    g_autofree char *b64 = g_strndup (begin, end - begin);
    der = g_base64_decode (g_strstrip (b64), &len);
  }
  c = hl_certificate_new_from_der (der, len);
  g_assert_null (c->parse_error);
  return c;
}

static void
set_chain (HlConnection *c, GPtrArray *where, ...)
{
  va_list ap;
  const char *name;
  va_start (ap, where);
  while ((name = va_arg (ap, const char *)) != NULL)
    g_ptr_array_add (where, fixture (name));
  va_end (ap);
}

/* TCP + a TLS 1.3 ClientHello (4) and ServerHello (6). */
static HlConnection *
tls13_start (const char *sni)
{
  HlConnection *c = conn_new ();
  HlTlsInfo *tls;

  tcp_open (c);
  add_hs (c, HL_DIR_C2S, HL_HS_CLIENT_HELLO, 4, 0.030);
  tls = hl_connection_ensure_tls (c);
  tls->client_hello = ch_tls13 (sni);
  tls->n_client_hellos = 1;
  add_hs (c, HL_DIR_S2C, HL_HS_SERVER_HELLO, 6, 0.055);
  tls->server_hello = sh_info (0x0304, 0x1301, 0x001d);
  tls->version = 0x0304;
  tls->has_cipher = TRUE;
  tls->cipher_suite = 0x1301;
  return c;
}

/* A decrypted TLS 1.3 server flight with the given certificates:
 * EncryptedExtensions 7, Certificate 8, CertificateVerify 9, Finished 10. */
static void
tls13_server_flight (HlConnection *c)
{
  HlEvent *e;
  e = add_hs (c, HL_DIR_S2C, HL_HS_ENCRYPTED_EXTENSIONS, 7, 0.056); e->encrypted = e->decrypted = TRUE;
  e = add_hs (c, HL_DIR_S2C, HL_HS_CERTIFICATE, 8, 0.056); e->encrypted = e->decrypted = TRUE;
  c->tls->server_certificate_frame = 8;
  e = add_hs (c, HL_DIR_S2C, HL_HS_CERTIFICATE_VERIFY, 9, 0.056); e->encrypted = e->decrypted = TRUE;
  e = add_hs (c, HL_DIR_S2C, HL_HS_FINISHED, 10, 0.056); e->encrypted = e->decrypted = TRUE;
  c->tls->server_finished = TRUE;
  c->tls->decrypted = TRUE;
  c->tls->keylog = HL_KEYLOG_MATCHED;
}

static void
diagnose (HlConnection *c)
{
  HlDiagnoseOptions o = { 0 };
  o.capture_end_ts_ns = c->last_ts_ns;
  o.ca_file = ca_file;
  o.use_system_trust = TRUE;
  hl_diagnose (c, &o);
  /* every id the diagnoser emits has an explanation */
  for (guint i = 0; i < c->diagnoses->len; i++)
    g_assert_nonnull (hl_catalog_lookup (HL_CATALOG_DIAGNOSIS,
                                         ((HlDiagnosis *) g_ptr_array_index (c->diagnoses, i))->id));
}

static const HlDiagnosis *
find (HlConnection *c, const char *id)
{
  for (guint i = 0; i < c->diagnoses->len; i++)
    {
      const HlDiagnosis *d = g_ptr_array_index (c->diagnoses, i);
      if (g_str_equal (d->id, id))
        return d;
    }
  return NULL;
}

static void
dump (HlConnection *c)
{
  for (guint i = 0; i < c->diagnoses->len; i++)
    {
      const HlDiagnosis *d = g_ptr_array_index (c->diagnoses, i);
      g_test_message ("%s %s %s: %s | %s", hl_severity_to_string (d->severity), d->id,
                      hl_blame_to_string (d->blame), d->summary, d->remedy);
    }
}

/* frames: 0-terminated list */
static void
assert_frames (const HlDiagnosis *d, ...)
{
  va_list ap;
  guint i = 0;
  guint64 f;

  va_start (ap, d);
  while ((f = va_arg (ap, guint64)) != 0)
    {
      g_assert_cmpuint (i, <, d->frames->len);
      g_assert_cmpuint (g_array_index (d->frames, guint64, i), ==, f);
      i++;
    }
  va_end (ap);
  g_assert_cmpuint (d->frames->len, ==, i);
}

#define F(x) ((guint64) (x))

static const HlDiagnosis *
assert_primary (HlConnection *c, const char *id, HlBlame blame)
{
  const HlDiagnosis *d = hl_connection_primary_diagnosis (c);
  dump (c);
  g_assert_nonnull (d);
  g_assert_cmpstr (d->id, ==, id);
  g_assert_cmpint (d->severity, ==, HL_SEVERITY_ERROR);
  g_assert_cmpstr (hl_blame_to_string (d->blame), ==, hl_blame_to_string (blame));
  g_assert_nonnull (d->summary);
  g_assert_nonnull (d->remedy);
  g_assert_cmpuint (strlen (d->remedy), >, 20);
  /* the primary is the very first diagnosis */
  g_assert_true (d == g_ptr_array_index (c->diagnoses, 0));
  return d;
}

static void
assert_contains (const char *haystack, const char *needle)
{
  if (haystack == NULL || strstr (haystack, needle) == NULL)
    g_error ("“%s” does not contain “%s”", haystack ? haystack : "(null)", needle);
}

static void
assert_sorted (HlConnection *c)
{
  for (guint i = 1; i < c->diagnoses->len; i++)
    {
      const HlDiagnosis *a = g_ptr_array_index (c->diagnoses, i - 1);
      const HlDiagnosis *b = g_ptr_array_index (c->diagnoses, i);
      g_assert_cmpint (a->severity, >=, b->severity);
    }
}

static gboolean
has_error (HlConnection *c)
{
  return hl_connection_primary_diagnosis (c) != NULL;
}

static void
set_ca (gboolean trusted_root)
{
  static char *path;
  if (path == NULL)
    path = g_build_filename (g_getenv ("HL_TEST_DATA"), "certs", "root.pem", NULL);
  ca_file = trusted_root ? path : NULL;
}

/* ---- TCP --------------------------------------------------------------------- */

static void
test_connection_refused (void)
{
  HlConnection *c = conn_new ();
  const HlDiagnosis *d;

  add (c, HL_EVENT_TCP_SYN, HL_DIR_C2S, 1, 0);
  add (c, HL_EVENT_TCP_RST, HL_DIR_S2C, 2, 0.0004);
  diagnose (c);
  d = assert_primary (c, "connection_refused", HL_BLAME_SERVER);
  assert_frames (d, F (1), F (2), F (0));
  assert_contains (d->summary, "port 443");
  assert_contains (d->summary, "198.51.100.7");
  g_assert_cmpuint (c->diagnoses->len, ==, 1);
  hl_connection_free (c);
}

static void
test_tcp_connect_timeout (void)
{
  HlConnection *c = conn_new ();
  const HlDiagnosis *d;
  HlDiagnoseOptions o = { 0 };

  add (c, HL_EVENT_TCP_SYN, HL_DIR_C2S, 1, 0);
  add (c, HL_EVENT_TCP_SYN, HL_DIR_C2S, 2, 1.0);
  add (c, HL_EVENT_TCP_SYN, HL_DIR_C2S, 3, 3.0);
  o.capture_end_ts_ns = (base_ts + 10) * SEC;
  o.use_system_trust = TRUE;
  hl_diagnose (c, &o);
  d = assert_primary (c, "tcp_connect_timeout", HL_BLAME_NETWORK);
  assert_frames (d, F (1), F (2), F (3), F (0));
  assert_contains (d->summary, "3 SYNs over 3.0 s, no answer");
  assert_contains (d->summary, "in 10.0 s");
  hl_connection_free (c);
}

static void
test_connection_reset_after_handshake (void)
{
  HlConnection *c = tls13_start ("www.example.test");
  const HlDiagnosis *d;

  set_ca (TRUE);
  set_chain (c, c->tls->server_certificates, "leaf", "intermediate", NULL);
  tls13_server_flight (c);
  add_hs (c, HL_DIR_C2S, HL_HS_FINISHED, 11, 0.080)->decrypted = TRUE;
  c->tls->client_finished = TRUE;
  add_app_data (c, 12, 0.090, 500, 9000);
  add (c, HL_EVENT_TCP_RST, HL_DIR_C2S, 20, 0.300);
  diagnose (c);
  g_assert_false (has_error (c));
  d = find (c, "connection_reset");
  g_assert_nonnull (d);
  g_assert_cmpint (d->severity, ==, HL_SEVERITY_WARNING);
  g_assert_cmpint (d->blame, ==, HL_BLAME_CLIENT);
  assert_contains (d->summary, "The client reset the connection (RST, frame 20)");
  g_assert_nonnull (find (c, "handshake_ok"));
  assert_sorted (c);
  hl_connection_free (c);
  set_ca (FALSE);
}

static void
test_connection_reset_mid_handshake (void)
{
  HlConnection *c = tls13_start ("www.example.test");
  const HlDiagnosis *d;

  add_enc (c, HL_DIR_S2C, 23, 2000, 7, 0.056);
  c->tls->encrypted_handshake = TRUE;
  c->tls->keylog = HL_KEYLOG_MISSING;
  add (c, HL_EVENT_TCP_RST, HL_DIR_S2C, 8, 0.060);
  diagnose (c);
  d = assert_primary (c, "connection_reset", HL_BLAME_SERVER);
  assert_frames (d, F (4), F (8), F (0));
  assert_contains (d->summary, "ClientHello (frame 4)");
  hl_connection_free (c);
}

static void
test_tcp_quality (void)
{
  HlConnection *c = tls13_start ("www.example.test");
  HlEvent *e;
  const HlDiagnosis *d;

  set_ca (TRUE);
  set_chain (c, c->tls->server_certificates, "leaf", "intermediate", NULL);
  tls13_server_flight (c);
  add_hs (c, HL_DIR_C2S, HL_HS_FINISHED, 11, 0.080)->decrypted = TRUE;
  c->tls->client_finished = TRUE;
  add_app_data (c, 12, 0.090, 500, 90000);
  e = add (c, HL_EVENT_TCP_RETRANSMISSION, HL_DIR_S2C, 30, 0.5);
  e->count = 4;
  e->last_frame = 33;
  add (c, HL_EVENT_TCP_RETRANSMISSION, HL_DIR_C2S, 40, 0.6)->count = 1;
  add (c, HL_EVENT_TCP_ZERO_WINDOW, HL_DIR_C2S, 50, 0.7);
  add (c, HL_EVENT_TCP_ZERO_WINDOW, HL_DIR_C2S, 52, 0.8);
  e = add (c, HL_EVENT_TCP_GAP, HL_DIR_S2C, 60, 0.9);
  e->count = 1448;
  c->gap_bytes = 1448;
  diagnose (c);
  g_assert_false (has_error (c));

  d = find (c, "retransmissions");
  g_assert_nonnull (d);
  g_assert_cmpint (d->severity, ==, HL_SEVERITY_WARNING);
  g_assert_cmpint (d->blame, ==, HL_BLAME_NETWORK);
  assert_contains (d->summary, "5 segments were sent again (client to server: 1, server to client: 4)");
  assert_frames (d, F (30), F (40), F (0));

  d = find (c, "zero_window");
  g_assert_nonnull (d);
  g_assert_cmpint (d->blame, ==, HL_BLAME_CLIENT);
  assert_contains (d->summary, "The client advertised a zero receive window 2 times (first in frame 50)");

  d = find (c, "capture_gap");
  g_assert_nonnull (d);
  g_assert_cmpint (d->severity, ==, HL_SEVERITY_WARNING);
  assert_contains (d->summary, "1448 bytes are missing");
  assert_frames (d, F (60), F (0));
  assert_sorted (c);
  hl_connection_free (c);
  set_ca (FALSE);
}

static void
test_capture_started_late (void)
{
  HlConnection *c = conn_new ();
  const HlDiagnosis *d;

  c->started_late = TRUE;
  add_app_data (c, 7, 0, 100, 100);
  diagnose (c);
  d = find (c, "capture_started_late");
  g_assert_nonnull (d);
  g_assert_cmpint (d->severity, ==, HL_SEVERITY_WARNING);
  assert_contains (d->summary, "first frame 7");
  hl_connection_free (c);
}

/* A capture that starts with a server's fatal alert (no handshake seen):
 * an error, marked inferred, naming who sent what. */
static void
test_alert_without_hello (void)
{
  HlConnection *c = conn_new ();
  const HlDiagnosis *d;

  c->started_late = TRUE;
  hl_connection_ensure_tls (c);
  add_alert (c, HL_DIR_S2C, 2, 70, 1, 0);
  diagnose (c);
  d = hl_connection_primary_diagnosis (c);
  g_assert_nonnull (d);
  g_assert_cmpstr (d->id, ==, "protocol_version_mismatch");
  g_assert_true (d->inferred);
  g_assert_cmpint (d->blame, ==, HL_BLAME_UNKNOWN);
  assert_contains (d->summary, "The server ended the connection with a fatal protocol_version alert (frame 1)");
  assert_contains (d->summary, "the capture started after");
  assert_frames (d, F (1), F (0));
  g_assert_nonnull (find (c, "capture_started_late"));
  hl_connection_free (c);

  c = conn_new ();
  c->started_late = TRUE;
  hl_connection_ensure_tls (c);
  add_alert (c, HL_DIR_C2S, 2, 48, 9, 0);   /* unknown_ca */
  diagnose (c);
  d = hl_connection_primary_diagnosis (c);
  g_assert_nonnull (d);
  g_assert_cmpstr (d->id, ==, "fatal_alert");
  assert_contains (d->summary, "The client ended the connection with a fatal unknown_ca alert (frame 9)");
  hl_connection_free (c);

  /* a warning-level alert alone is no failure */
  c = conn_new ();
  c->started_late = TRUE;
  hl_connection_ensure_tls (c);
  add_alert (c, HL_DIR_S2C, 1, 0, 3, 0);   /* close_notify */
  diagnose (c);
  g_assert_null (hl_connection_primary_diagnosis (c));
  hl_connection_free (c);
}

/* ---- not TLS --------------------------------------------------------------------- */

static void
test_server_not_tls (void)
{
  HlConnection *c = conn_new ();
  const HlDiagnosis *d;

  tcp_open (c);
  add_hs (c, HL_DIR_C2S, HL_HS_CLIENT_HELLO, 4, 0.03);
  c->tls->client_hello = ch_tls13 ("example.org");
  add_text (c, HL_DIR_S2C, "HTTP/1.1 400 Bad Request\\r\\nServer: nginx\\r\\n", 5, 0.05);
  add (c, HL_EVENT_TCP_FIN, HL_DIR_S2C, 6, 0.05);
  diagnose (c);
  d = assert_primary (c, "server_not_tls", HL_BLAME_SERVER);
  assert_frames (d, F (4), F (5), F (0));
  assert_contains (d->summary, "Port 443 speaks plain HTTP");
  assert_contains (d->summary, "“HTTP/1.1 400 Bad Request”");
  hl_connection_free (c);
}

static void
test_client_not_tls (void)
{
  HlConnection *c = conn_new ();
  const HlDiagnosis *d;

  tcp_open (c);
  add_text (c, HL_DIR_C2S, "GET / HTTP/1.1\\r\\nHost: example.org\\r\\n", 4, 0.03);
  hl_connection_ensure_tls (c);
  add_alert (c, HL_DIR_S2C, 2, 70, 5, 0.04);
  add (c, HL_EVENT_TCP_FIN, HL_DIR_S2C, 6, 0.04);
  diagnose (c);
  d = assert_primary (c, "client_not_tls", HL_BLAME_CLIENT);
  assert_frames (d, F (4), F (5), F (0));
  assert_contains (d->summary, "“GET / HTTP/1.1”");
  assert_contains (d->summary, "answered with a TLS alert");
  hl_connection_free (c);
}

static void
test_plain_http_is_fine (void)
{
  HlConnection *c = conn_new ();

  c->server.port = 80;
  tcp_open (c);
  add_text (c, HL_DIR_C2S, "GET / HTTP/1.1", 4, 0.03);
  add_text (c, HL_DIR_S2C, "HTTP/1.1 200 OK\\r\\nServer: Apache/2.0.55 (Unix) mod_ssl/2.0.55 OpenSSL/0.9.8a", 5, 0.04);
  add (c, HL_EVENT_TCP_FIN, HL_DIR_C2S, 6, 0.05);
  add (c, HL_EVENT_TCP_FIN, HL_DIR_S2C, 7, 0.05);
  diagnose (c);
  dump (c);
  g_assert_cmpuint (c->diagnoses->len, ==, 0);
  hl_connection_free (c);
}

static void
test_client_not_tls_error_page (void)
{
  HlConnection *c = conn_new ();
  const HlDiagnosis *d;

  c->server.port = 8443;
  tcp_open (c);
  add_text (c, HL_DIR_C2S, "GET / HTTP/1.1", 4, 0.03);
  add_text (c, HL_DIR_S2C, "HTTP/1.1 400 Bad Request\\r\\n\\r\\nThe plain HTTP request was sent to HTTPS port", 5, 0.04);
  diagnose (c);
  d = assert_primary (c, "client_not_tls", HL_BLAME_CLIENT);
  assert_frames (d, F (4), F (5), F (0));
  assert_contains (d->summary, "complained that TLS was expected (frame 5)");
  hl_connection_free (c);
}

static void
test_reset_after_fin (void)
{
  HlConnection *c = conn_new ();
  const HlDiagnosis *d;

  c->server.port = 80;
  tcp_open (c);
  add (c, HL_EVENT_TCP_FIN, HL_DIR_C2S, 4, 5.0);
  add (c, HL_EVENT_TCP_RST, HL_DIR_S2C, 5, 5.1);
  diagnose (c);
  g_assert_false (has_error (c));
  d = find (c, "connection_reset");
  g_assert_nonnull (d);
  g_assert_cmpint (d->severity, ==, HL_SEVERITY_WARNING);
  assert_contains (d->summary, "its FIN (frame 4)");
  hl_connection_free (c);
}

/* ---- stalls ------------------------------------------------------------------------- */

static HlConnection *
client_hello_only (const char *sni)
{
  HlConnection *c = conn_new ();
  tcp_open (c);
  add_hs (c, HL_DIR_C2S, HL_HS_CLIENT_HELLO, 4, 0.030)->bytes = 517;
  c->tls->client_hello = ch_tls13 (sni);
  c->tls->n_client_hellos = 1;
  return c;
}

static void
test_server_no_response (void)
{
  HlConnection *c = client_hello_only ("example.org");
  const HlDiagnosis *d;

  add (c, HL_EVENT_TCP_FIN, HL_DIR_C2S, 5, 10.030);
  diagnose (c);
  d = assert_primary (c, "server_no_response_handshake_timeout", HL_BLAME_SERVER);
  assert_frames (d, F (4), F (5), F (0));
  assert_contains (d->summary, "waited 10.0 s");
  hl_connection_free (c);
}

static void
test_server_no_response_until_capture_end (void)
{
  HlConnection *c = client_hello_only ("example.org");
  HlDiagnoseOptions o = { 0 };
  const HlDiagnosis *d;

  o.capture_end_ts_ns = (base_ts + 65) * SEC + 30000000;
  o.use_system_trust = TRUE;
  hl_diagnose (c, &o);
  d = assert_primary (c, "server_no_response_handshake_timeout", HL_BLAME_SERVER);
  assert_frames (d, F (4), F (0));
  assert_contains (d->summary, "in the 1 min 5 s until the end of the capture");
  hl_connection_free (c);
}

static void
test_server_no_response_one_sided (void)
{
  HlConnection *c = conn_new ();
  const HlDiagnosis *d;

  c->started_late = TRUE;
  add_hs (c, HL_DIR_C2S, HL_HS_CLIENT_HELLO, 40, 0);
  c->tls->client_hello = ch_tls13 ("example.org");
  add (c, HL_EVENT_TCP_FIN, HL_DIR_C2S, 41, 20.0);
  diagnose (c);
  d = assert_primary (c, "server_no_response_handshake_timeout", HL_BLAME_SERVER);
  g_assert_true (d->inferred);
  assert_contains (d->summary, "no packet at all from the server");
  hl_connection_free (c);
}

static void
test_clienthello_blackholed (void)
{
  HlConnection *c = client_hello_only ("blocked.example.org");
  HlEvent *e;
  const HlDiagnosis *d;

  e = add (c, HL_EVENT_TCP_RETRANSMISSION, HL_DIR_C2S, 5, 0.3);
  e->count = 3;
  e->last_frame = 7;
  add (c, HL_EVENT_TCP_RST, HL_DIR_C2S, 8, 5.0);
  diagnose (c);
  d = assert_primary (c, "clienthello_blackholed", HL_BLAME_NETWORK);
  assert_frames (d, F (4), F (5), F (7), F (0));
  assert_contains (d->summary, "retransmitted 3 times and never acknowledged");
  assert_contains (d->summary, "The ClientHello (frame 4, 517 bytes) was retransmitted");
  assert_contains (d->remedy, "MTU");
  /* the retransmissions are the same story: no separate warning */
  g_assert_null (find (c, "retransmissions"));
  g_assert_null (find (c, "connection_reset"));
  hl_connection_free (c);
}

static void
test_server_closed_without_alert (void)
{
  HlConnection *c = client_hello_only ("example.org");
  const HlDiagnosis *d;

  add (c, HL_EVENT_TCP_FIN, HL_DIR_S2C, 5, 0.031);
  add (c, HL_EVENT_TCP_FIN, HL_DIR_C2S, 6, 0.032);
  diagnose (c);
  d = assert_primary (c, "server_closed_without_alert", HL_BLAME_SERVER);
  assert_frames (d, F (4), F (5), F (0));
  assert_contains (d->summary, "FIN, frame 5");
  hl_connection_free (c);
}

static void
test_server_reset_after_clienthello (void)
{
  HlConnection *c = client_hello_only ("forbidden.example.org");
  const HlDiagnosis *d;

  add (c, HL_EVENT_TCP_RST, HL_DIR_S2C, 5, 0.032);
  diagnose (c);
  d = assert_primary (c, "server_reset_after_clienthello", HL_BLAME_SERVER);
  assert_frames (d, F (4), F (5), F (0));
  assert_contains (d->summary, "“forbidden.example.org”");
  assert_contains (d->summary, "2 ms after the ClientHello");
  assert_contains (d->remedy, "SNI");
  hl_connection_free (c);
}

static void
test_client_closed_without_alert (void)
{
  HlConnection *c = conn_new ();
  const HlDiagnosis *d;

  tcp_open (c);
  add_hs (c, HL_DIR_C2S, HL_HS_CLIENT_HELLO, 4, 0.03);
  c->tls->client_hello = ch_tls13 ("example.org");
  add_hs (c, HL_DIR_S2C, HL_HS_SERVER_HELLO, 5, 0.05);
  c->tls->server_hello = sh_info (0x0303, 0xc02f, 0);
  c->tls->version = 0x0303;
  c->tls->has_cipher = TRUE;
  c->tls->cipher_suite = 0xc02f;
  add (c, HL_EVENT_TLS_CCS, HL_DIR_S2C, 6, 0.05);
  add_enc (c, HL_DIR_S2C, 22, 40, 7, 0.05);
  add (c, HL_EVENT_TCP_FIN, HL_DIR_C2S, 8, 0.06);
  diagnose (c);
  d = assert_primary (c, "client_closed_without_alert", HL_BLAME_CLIENT);
  assert_frames (d, F (7), F (8), F (0));
  assert_contains (d->summary, "FIN, frame 8");
  hl_connection_free (c);
}

/* ---- negotiation ---------------------------------------------------------------------- */

static void
test_protocol_version_old_client (void)
{
  HlConnection *c = client_hello_only ("example.org");
  HlClientHelloInfo *ch = c->tls->client_hello;
  const HlDiagnosis *d;

  ch->supported_versions->len = 0;
  ch->legacy_version = 0x0302;
  add_alert (c, HL_DIR_S2C, 2, 70, 5, 0.031);
  diagnose (c);
  d = assert_primary (c, "protocol_version_mismatch", HL_BLAME_CLIENT);
  assert_frames (d, F (4), F (5), F (0));
  assert_contains (d->summary, "The client offered up to TLS 1.1");
  hl_connection_free (c);
}

static void
test_protocol_version_old_server (void)
{
  HlConnection *c = client_hello_only ("example.org");
  const HlDiagnosis *d;

  c->tls->client_hello->supported_versions->len = 1;   /* TLS 1.3 only */
  add_hs (c, HL_DIR_S2C, HL_HS_SERVER_HELLO, 5, 0.05);
  c->tls->server_hello = sh_info (0x0301, 0x002f, 0);
  c->tls->server_hello->legacy_version = 0x0301;
  add_alert (c, HL_DIR_C2S, 2, 70, 6, 0.06);
  diagnose (c);
  d = assert_primary (c, "protocol_version_mismatch", HL_BLAME_SERVER);
  assert_contains (d->summary, "The server selected TLS 1.0 (frame 5)");
  assert_contains (d->summary, "offered TLS 1.3");
  assert_frames (d, F (4), F (5), F (6), F (0));
  hl_connection_free (c);
}

static void
test_protocol_version_client_minimum (void)
{
  HlConnection *c = client_hello_only ("example.org");
  const HlDiagnosis *d;

  /* The client offers up to TLS 1.1 (minimum 1.1), the server picks 1.0. */
  c->tls->client_hello->supported_versions->len = 0;
  c->tls->client_hello->legacy_version = 0x0302;
  add_hs (c, HL_DIR_S2C, HL_HS_SERVER_HELLO, 5, 0.05);
  c->tls->server_hello = sh_info (0x0301, 0xc013, 0);
  c->tls->server_hello->legacy_version = 0x0301;
  add_alert (c, HL_DIR_C2S, 2, 70, 6, 0.06);
  diagnose (c);
  d = assert_primary (c, "protocol_version_mismatch", HL_BLAME_SERVER);
  assert_contains (d->summary, "The server selected TLS 1.0 (frame 5), the oldest end of what the client offered "
                   "(up to TLS 1.1)");
  d = find (c, "legacy_protocol_version");
  g_assert_nonnull (d);
  assert_contains (d->summary, "RFC 8996");
  hl_connection_free (c);
}

static void
test_no_shared_cipher (void)
{
  HlConnection *c = client_hello_only ("example.org");
  HlClientHelloInfo *ch = c->tls->client_hello;
  const HlDiagnosis *d;

  HL_LIST_SET_STATIC (ch->cipher_suites, 0x000a, 0x00ff);   /* 3DES + renegotiation SCSV */
  HL_LIST_SET_STATIC (ch->supported_versions, 0x0303);
  add_alert (c, HL_DIR_S2C, 2, 40, 5, 0.031);
  diagnose (c);
  d = assert_primary (c, "no_shared_cipher", HL_BLAME_CLIENT);
  assert_frames (d, F (4), F (5), F (0));
  assert_contains (d->summary, "Most likely the 1 cipher suite the client offered (TLS_RSA_WITH_3DES_EDE_CBC_SHA) is not acceptable");
  assert_contains (d->summary, "handshake_failure (frame 5)");
  assert_contains (d->summary, "not visible");
  hl_connection_free (c);
}

static void
test_no_shared_cipher_server (void)
{
  HlConnection *c = client_hello_only ("example.org");
  const HlDiagnosis *d;

  add_alert (c, HL_DIR_S2C, 2, 40, 5, 0.031);
  diagnose (c);
  d = assert_primary (c, "no_shared_cipher", HL_BLAME_SERVER);
  assert_contains (d->summary, "TLS_AES_128_GCM_SHA256");
  hl_connection_free (c);
}

static void
test_no_shared_group (void)
{
  HlConnection *c = client_hello_only ("example.org");
  HlClientHelloInfo *ch = c->tls->client_hello;
  const HlDiagnosis *d;

  HL_LIST_SET_STATIC (ch->supported_groups, 0x0019);   /* secp521r1 */
  HL_LIST_SET_STATIC (ch->key_share_groups, 0x0019);
  add_alert (c, HL_DIR_S2C, 2, 40, 5, 0.031);
  diagnose (c);
  d = assert_primary (c, "no_shared_group", HL_BLAME_CLIENT);
  assert_contains (d->summary, "which offered secp521r1 (key shares: secp521r1)");
  assert_frames (d, F (4), F (5), F (0));
  hl_connection_free (c);
}

static void
test_sni_unrecognized_name (void)
{
  HlConnection *c = client_hello_only ("typo.example.org");
  const HlDiagnosis *d;

  add_alert (c, HL_DIR_S2C, 2, 112, 5, 0.031);
  diagnose (c);
  d = assert_primary (c, "sni_unrecognized_name", HL_BLAME_CLIENT);
  assert_contains (d->summary, "“typo.example.org”");
  assert_frames (d, F (4), F (5), F (0));
  hl_connection_free (c);
}

static void
test_sni_unrecognized_name_warning (void)
{
  HlConnection *c = tls13_start ("alias.example.test");
  const HlDiagnosis *d;

  add_alert (c, HL_DIR_S2C, 1, 112, 6, 0.050);
  add_hs (c, HL_DIR_S2C, HL_HS_FINISHED, 7, 0.056);
  c->tls->server_finished = c->tls->client_finished = TRUE;
  add_app_data (c, 9, 0.1, 10, 10);
  diagnose (c);
  g_assert_false (has_error (c));
  d = find (c, "sni_unrecognized_name");
  g_assert_nonnull (d);
  g_assert_cmpint (d->severity, ==, HL_SEVERITY_WARNING);
  assert_contains (d->summary, "“alias.example.test”");
  hl_connection_free (c);
}

static void
test_alpn_mismatch (void)
{
  HlConnection *c = client_hello_only ("example.org");
  const HlDiagnosis *d;

  add_alert (c, HL_DIR_S2C, 2, 120, 5, 0.031);
  diagnose (c);
  d = assert_primary (c, "alpn_mismatch", HL_BLAME_CLIENT);
  assert_contains (d->summary, "h2, http/1.1");
  hl_connection_free (c);
}

static void
test_inappropriate_fallback (void)
{
  HlConnection *c = client_hello_only ("example.org");
  HlClientHelloInfo *ch = c->tls->client_hello;
  const HlDiagnosis *d;

  ch->supported_versions->len = 0;
  ch->legacy_version = 0x0302;
  ch->fallback_scsv = TRUE;
  add_alert (c, HL_DIR_S2C, 2, 86, 5, 0.031);
  diagnose (c);
  d = assert_primary (c, "inappropriate_fallback", HL_BLAME_CLIENT);
  assert_contains (d->summary, "TLS_FALLBACK_SCSV in frame 4");
  hl_connection_free (c);
}

static void
test_missing_extension (void)
{
  HlConnection *c = client_hello_only ("example.org");
  HlClientHelloInfo *ch = c->tls->client_hello;
  const HlDiagnosis *d;

  HL_LIST_SET_STATIC (ch->extensions, 0, 10, 13, 43, 41);   /* no key_share, PSK without modes */
  add_alert (c, HL_DIR_S2C, 2, 109, 5, 0.031);
  diagnose (c);
  d = assert_primary (c, "missing_extension", HL_BLAME_CLIENT);
  assert_contains (d->summary, "absent: key_share, psk_key_exchange_modes");
  assert_frames (d, F (4), F (5), F (0));
  hl_connection_free (c);
}

static void
test_illegal_parameter_from_client (void)
{
  HlConnection *c = tls13_start ("example.org");
  const HlDiagnosis *d;

  c->tls->server_hello->cipher_suite = 0x1304;   /* TLS_AES_128_CCM_SHA256, not offered */
  add_alert (c, HL_DIR_C2S, 2, 47, 7, 0.06);
  diagnose (c);
  d = assert_primary (c, "illegal_parameter", HL_BLAME_SERVER);
  assert_contains (d->summary, "the server selected the cipher suite TLS_AES_128_CCM_SHA256, which the client "
                   "did not offer");
  assert_frames (d, F (6), F (7), F (0));
  hl_connection_free (c);
}

static void
test_illegal_parameter_from_server (void)
{
  HlConnection *c = client_hello_only ("example.org");
  const HlDiagnosis *d;

  add_alert (c, HL_DIR_S2C, 2, 47, 5, 0.031);
  diagnose (c);
  d = assert_primary (c, "illegal_parameter", HL_BLAME_CLIENT);
  assert_contains (d->summary, "client's ClientHello (frame 4)");
  hl_connection_free (c);
}

static void
test_crypto_alerts (void)
{
  static const struct { guint8 desc; HlDirection dir; const char *id; HlBlame blame; const char *text; } cases[] = {
    { 50, HL_DIR_S2C, "decode_error", HL_BLAME_CLIENT, "could not parse the client's ClientHello (frame 4)" },
    { 50, HL_DIR_C2S, "decode_error", HL_BLAME_SERVER, "could not parse the server's ServerHello (frame 6)" },
    { 80, HL_DIR_S2C, "internal_error", HL_BLAME_SERVER, "internal_error (frame 7)" },
    { 80, HL_DIR_C2S, "internal_error", HL_BLAME_CLIENT, "internal_error (frame 7)" },
    { 20, HL_DIR_S2C, "bad_record_mac", HL_BLAME_MIDDLEBOX, "bad_record_mac, frame 7" },
    { 51, HL_DIR_C2S, "decrypt_error", HL_BLAME_SERVER, "verify the server's ServerHello (frame 6)" },
    { 10, HL_DIR_C2S, "fatal_alert", HL_BLAME_UNKNOWN, "fatal unexpected_message alert (frame 7)" },
    { 22, HL_DIR_S2C, "fatal_alert", HL_BLAME_UNKNOWN, "fatal record_overflow alert (frame 7)" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      HlConnection *c = tls13_start ("example.org");
      const HlDiagnosis *d;
      add_alert (c, cases[i].dir, 2, cases[i].desc, 7, 0.06);
      diagnose (c);
      d = assert_primary (c, cases[i].id, cases[i].blame);
      assert_contains (d->summary, cases[i].text);
      g_assert_cmpuint (g_array_index (d->frames, guint64, d->frames->len - 1), ==, 7);
      hl_connection_free (c);
    }
}

static void
test_renegotiation_refused (void)
{
  HlConnection *c = tls13_start ("example.org");
  const HlDiagnosis *d;

  c->tls->server_hello->selected_version = 0;
  c->tls->version = 0x0303;
  add (c, HL_EVENT_TLS_CCS, HL_DIR_S2C, 7, 0.06);
  add_hs (c, HL_DIR_S2C, HL_HS_FINISHED, 8, 0.06);
  add (c, HL_EVENT_TLS_CCS, HL_DIR_C2S, 9, 0.07);
  add_hs (c, HL_DIR_C2S, HL_HS_FINISHED, 10, 0.07);
  c->tls->client_finished = c->tls->server_finished = TRUE;
  add_app_data (c, 11, 0.1, 100, 100);
  add_hs (c, HL_DIR_S2C, HL_HS_HELLO_REQUEST, 20, 1.0);
  add_alert (c, HL_DIR_C2S, 1, 100, 21, 1.01);
  diagnose (c);
  g_assert_false (has_error (c));
  d = find (c, "renegotiation_refused");
  g_assert_nonnull (d);
  g_assert_cmpint (d->severity, ==, HL_SEVERITY_WARNING);
  g_assert_cmpint (d->blame, ==, HL_BLAME_SERVER);   /* the server asked, the client declined */
  assert_frames (d, F (21), F (0));
  hl_connection_free (c);
}

static void
test_renegotiation_refused_fatal (void)
{
  HlConnection *c = tls13_start ("example.org");
  const HlDiagnosis *d;

  /* TLS 1.2: the client asks (encrypted ClientHello, decrypted), the server
   * declines with a warning, the client gives up with handshake_failure. */
  c->tls->server_hello->selected_version = 0;
  c->tls->version = 0x0303;
  add (c, HL_EVENT_TLS_CCS, HL_DIR_S2C, 7, 0.06);
  add_hs (c, HL_DIR_S2C, HL_HS_FINISHED, 8, 0.06);
  add (c, HL_EVENT_TLS_CCS, HL_DIR_C2S, 9, 0.07);
  add_hs (c, HL_DIR_C2S, HL_HS_FINISHED, 10, 0.07);
  c->tls->client_finished = c->tls->server_finished = TRUE;
  add_app_data (c, 11, 0.1, 100, 100);
  add_hs (c, HL_DIR_C2S, HL_HS_CLIENT_HELLO, 20, 0.6)->decrypted = TRUE;
  add_alert (c, HL_DIR_S2C, 1, 100, 21, 0.61);
  add_alert (c, HL_DIR_C2S, 2, 40, 22, 0.62);
  diagnose (c);
  d = assert_primary (c, "renegotiation_refused", HL_BLAME_CLIENT);
  assert_frames (d, F (20), F (21), F (22), F (0));
  assert_contains (d->summary, "no_renegotiation (frame 21)");
  assert_contains (d->summary, "handshake_failure (frame 22)");
  g_assert_null (find (c, "fatal_alert"));
  hl_connection_free (c);
}

static void
test_alert_after_peer_close (void)
{
  HlConnection *c;
  const HlDiagnosis *d;

  /* The client reads the server's flight and closes; OpenSSL's server then
   * complains with decode_error: the close is the story. */
  set_ca (TRUE);
  c = tls13_start ("www.example.test");
  set_chain (c, c->tls->server_certificates, "leaf", "intermediate", NULL);
  tls13_server_flight (c);
  add (c, HL_EVENT_TCP_FIN, HL_DIR_C2S, 11, 0.06);
  add_alert (c, HL_DIR_S2C, 2, 50, 12, 0.061);
  add (c, HL_EVENT_TCP_RST, HL_DIR_C2S, 13, 0.062);
  diagnose (c);
  d = assert_primary (c, "client_closed_without_alert", HL_BLAME_CLIENT);
  assert_frames (d, F (10), F (11), F (0));
  g_assert_null (find (c, "decode_error"));
  hl_connection_free (c);
  set_ca (FALSE);
}

static void
test_silent_close_untrusted_only (void)
{
  HlConnection *c;
  const HlDiagnosis *d;

  /* Without the test root this computer cannot trust the chain, but that is
   * no reason to blame a silent close on the certificate. */
  c = tls13_start ("www.example.test");
  set_chain (c, c->tls->server_certificates, "leaf", "intermediate", NULL);
  tls13_server_flight (c);
  add (c, HL_EVENT_TCP_FIN, HL_DIR_C2S, 11, 0.06);
  diagnose (c);
  d = assert_primary (c, "client_closed_without_alert", HL_BLAME_CLIENT);
  d = find (c, "untrusted_issuer");
  g_assert_nonnull (d);
  g_assert_cmpint (d->severity, ==, HL_SEVERITY_WARNING);
  assert_contains (d->summary, "chains up to “Handshake Lens Test Root CA”");
  hl_connection_free (c);
}

/* ---- client authentication ------------------------------------------------------------------ */

static HlConnection *
client_auth_start (void)
{
  HlConnection *c = tls13_start ("www.example.test");
  HlEvent *e;

  set_chain (c, c->tls->server_certificates, "leaf", "intermediate", NULL);
  e = add_hs (c, HL_DIR_S2C, HL_HS_ENCRYPTED_EXTENSIONS, 7, 0.056); e->decrypted = TRUE;
  e = add_hs (c, HL_DIR_S2C, HL_HS_CERTIFICATE_REQUEST, 8, 0.056); e->decrypted = TRUE;
  c->tls->client_certificate_requested = TRUE;
  e = add_hs (c, HL_DIR_S2C, HL_HS_CERTIFICATE, 9, 0.056); e->decrypted = TRUE;
  e = add_hs (c, HL_DIR_S2C, HL_HS_CERTIFICATE_VERIFY, 10, 0.056); e->decrypted = TRUE;
  e = add_hs (c, HL_DIR_S2C, HL_HS_FINISHED, 11, 0.056); e->decrypted = TRUE;
  c->tls->server_finished = TRUE;
  c->tls->keylog = HL_KEYLOG_MATCHED;
  e = add_hs (c, HL_DIR_C2S, HL_HS_CERTIFICATE, 12, 0.080); e->decrypted = TRUE;
  c->tls->client_certificate_sent = TRUE;
  c->tls->client_certificate_frame = 12;
  return c;
}

static void
test_client_certificate_missing (void)
{
  HlConnection *c;
  const HlDiagnosis *d;

  set_ca (TRUE);
  c = client_auth_start ();
  add_hs (c, HL_DIR_C2S, HL_HS_FINISHED, 13, 0.080)->decrypted = TRUE;
  add_alert (c, HL_DIR_S2C, 2, 116, 14, 0.09);
  diagnose (c);
  d = assert_primary (c, "client_certificate_missing", HL_BLAME_CLIENT);
  assert_frames (d, F (8), F (12), F (14), F (0));
  assert_contains (d->summary, "empty Certificate message (frame 12)");
  assert_contains (d->summary, "certificate_required (frame 14)");
  hl_connection_free (c);
  set_ca (FALSE);
}

static void
test_client_certificate_untrusted (void)
{
  HlConnection *c;
  const HlDiagnosis *d;

  set_ca (TRUE);
  c = client_auth_start ();
  set_chain (c, c->tls->client_certificates, "clientonly", NULL);
  add_hs (c, HL_DIR_C2S, HL_HS_CERTIFICATE_VERIFY, 13, 0.080)->decrypted = TRUE;
  add_alert (c, HL_DIR_S2C, 2, 48, 14, 0.09);
  diagnose (c);
  d = assert_primary (c, "client_certificate_untrusted", HL_BLAME_CLIENT);
  assert_contains (d->summary, "“Handshake Lens Test Intermediate CA”");
  assert_contains (d->summary, "client-only.example.test");
  assert_frames (d, F (8), F (12), F (14), F (0));
  hl_connection_free (c);
  set_ca (FALSE);
}

static void
test_client_certificate_rejected (void)
{
  HlConnection *c;
  const HlDiagnosis *d;

  set_ca (TRUE);
  base_ts = T2021;   /* the client's certificate from the expired fixture */
  c = client_auth_start ();
  set_chain (c, c->tls->client_certificates, "expired", NULL);
  add_alert (c, HL_DIR_S2C, 2, 42, 14, 0.09);
  diagnose (c);
  d = assert_primary (c, "client_certificate_rejected", HL_BLAME_CLIENT);
  assert_contains (d->summary, "bad_certificate (frame 14)");
  assert_contains (d->summary, "The client's certificate expired on 1 Jun 2021.");
  hl_connection_free (c);
  base_ts = T2024;
  set_ca (FALSE);
}

/* ---- server certificate -------------------------------------------------------------------- */

/* TLS 1.3 with a key log: server flight with `chain`, then the client's alert
 * (frame 11) or nothing. */
static HlConnection *
cert_failure (const char *sni, guint8 alert, ...)
{
  HlConnection *c = tls13_start (sni);
  va_list ap;
  const char *name;

  va_start (ap, alert);
  while ((name = va_arg (ap, const char *)) != NULL)
    g_ptr_array_add (c->tls->server_certificates, fixture (name));
  va_end (ap);
  tls13_server_flight (c);
  if (alert)
    add_alert (c, HL_DIR_C2S, 2, alert, 11, 0.060);
  add (c, HL_EVENT_TCP_FIN, HL_DIR_C2S, 12, 0.061);
  diagnose (c);
  return c;
}

static void
test_certificate_expired (void)
{
  HlConnection *c;
  const HlDiagnosis *d;

  base_ts = T2021;
  set_ca (TRUE);
  c = cert_failure ("expired.example.test", 45, "expired", "intermediate", NULL);
  d = assert_primary (c, "certificate_expired", HL_BLAME_SERVER);
  assert_frames (d, F (8), F (11), F (0));
  assert_contains (d->summary, "expired.example.test expired on 1 Jun 2021, 30 days before this capture "
                   "(1 Jul 2021)");
  assert_contains (d->summary, "with the alert certificate_expired (frame 11)");
  g_assert_false (d->inferred);
  hl_connection_free (c);
  base_ts = T2024;
  set_ca (FALSE);
}

static void
test_expired_but_accepted_is_a_warning (void)
{
  HlConnection *c;
  const HlDiagnosis *d;

  base_ts = T2021;
  set_ca (TRUE);
  c = tls13_start ("expired.example.test");
  set_chain (c, c->tls->server_certificates, "expired", "intermediate", NULL);
  tls13_server_flight (c);
  add_hs (c, HL_DIR_C2S, HL_HS_FINISHED, 11, 0.080)->decrypted = TRUE;
  c->tls->client_finished = TRUE;
  add_app_data (c, 12, 0.1, 300, 3000);
  diagnose (c);
  g_assert_false (has_error (c));
  d = find (c, "certificate_expired");
  g_assert_nonnull (d);
  g_assert_cmpint (d->severity, ==, HL_SEVERITY_WARNING);
  assert_contains (d->summary, "The client accepted it anyway.");
  assert_frames (d, F (8), F (0));
  g_assert_nonnull (find (c, "handshake_ok"));
  assert_sorted (c);
  hl_connection_free (c);
  base_ts = T2024;
  set_ca (FALSE);
}

static void
test_client_clock_skew (void)
{
  HlConnection *c;
  const HlDiagnosis *d;

  set_ca (TRUE);
  c = cert_failure ("www.example.test", 45, "leaf", "intermediate", NULL);
  d = assert_primary (c, "client_clock_skew", HL_BLAME_CLIENT);
  assert_contains (d->summary, "valid from 1 Jan 2024 to 1 Jan 2025, captured on 1 Jun 2024");
  assert_frames (d, F (8), F (11), F (0));
  hl_connection_free (c);
  set_ca (FALSE);
}

static void
test_certificate_not_yet_valid (void)
{
  HlConnection *c;
  const HlDiagnosis *d;

  base_ts = G_GINT64_CONSTANT (1703980800);   /* 31 Dec 2023 */
  set_ca (TRUE);
  c = cert_failure ("www.example.test", 42, "leaf", "intermediate", NULL);
  d = assert_primary (c, "certificate_not_yet_valid", HL_BLAME_SERVER);
  assert_contains (d->summary, "valid only from 1 Jan 2024, 1 day after this capture (31 Dec 2023)");
  hl_connection_free (c);
  base_ts = T2024;
  set_ca (FALSE);
}

static void
test_hostname_mismatch (void)
{
  HlConnection *c;
  const HlDiagnosis *d;

  set_ca (TRUE);
  c = cert_failure ("shop.example.org", 42, "leaf", "intermediate", NULL);
  d = assert_primary (c, "hostname_mismatch", HL_BLAME_SERVER);
  assert_contains (d->summary, "the client wants “shop.example.org” (SNI)");
  assert_contains (d->summary, "www.example.test, *.example.test, example.test, 192.0.2.10");
  assert_frames (d, F (8), F (11), F (0));
  hl_connection_free (c);
  set_ca (FALSE);
}

static void
test_self_signed (void)
{
  HlConnection *c = cert_failure ("selfsigned.example.test", 48, "selfsigned", NULL);
  const HlDiagnosis *d;

  d = assert_primary (c, "self_signed_certificate", HL_BLAME_SERVER);
  assert_contains (d->summary, "self-signed certificate for selfsigned.example.test");
  assert_contains (d->summary, "with the alert unknown_ca (frame 11)");
  /* the other findings are not repeated as errors */
  g_assert_null (find (c, "untrusted_issuer"));
  hl_connection_free (c);
}

static void
test_incomplete_chain (void)
{
  HlConnection *c;
  const HlDiagnosis *d;

  set_ca (TRUE);
  c = cert_failure ("www.example.test", 48, "leaf", NULL);
  d = assert_primary (c, "incomplete_certificate_chain", HL_BLAME_SERVER);
  assert_contains (d->summary, "The server sent 1 certificate");
  assert_contains (d->summary, "“Handshake Lens Test Intermediate CA”");
  hl_connection_free (c);
  set_ca (FALSE);
}

static void
test_untrusted_issuer (void)
{
  HlConnection *c = cert_failure ("www.example.test", 48, "leaf", "intermediate", "root", NULL);
  const HlDiagnosis *d;

  d = assert_primary (c, "untrusted_issuer", HL_BLAME_SERVER);
  assert_contains (d->summary, "chains up to “Handshake Lens Test Root CA”, which is not in the trust store");
  hl_connection_free (c);
}

static void
test_untrusted_issuer_alert_only (void)
{
  /* Certificates not visible (parse failure): the alert alone names it. */
  HlConnection *c = tls13_start ("www.example.test");
  const HlDiagnosis *d;

  tls13_server_flight (c);
  add_alert (c, HL_DIR_C2S, 2, 48, 11, 0.06);
  diagnose (c);
  d = assert_primary (c, "untrusted_issuer", HL_BLAME_SERVER);
  assert_contains (d->summary, "unknown_ca, frame 11");
  hl_connection_free (c);
}

static void
test_interception (void)
{
  HlConnection *c = cert_failure ("www.example.test", 48, "intercepted", "otherroot", NULL);
  const HlDiagnosis *d;

  d = assert_primary (c, "tls_interception_suspected", HL_BLAME_MIDDLEBOX);
  assert_contains (d->summary, "Zscaler");
  hl_connection_free (c);
}

static void
test_interception_accepted (void)
{
  HlConnection *c = tls13_start ("www.example.com");
  const HlDiagnosis *d;

  /* The client trusts a corporate inspection CA: the handshake works. */
  g_ptr_array_add (c->tls->server_certificates, gen_cert ("intercepted"));
  g_ptr_array_add (c->tls->server_certificates, gen_cert ("inspection-ca"));
  tls13_server_flight (c);
  add_hs (c, HL_DIR_C2S, HL_HS_FINISHED, 11, 0.080)->decrypted = TRUE;
  c->tls->client_finished = TRUE;
  add_app_data (c, 12, 0.1, 300, 3000);
  diagnose (c);
  g_assert_false (has_error (c));
  d = find (c, "tls_interception_suspected");
  g_assert_nonnull (d);
  g_assert_cmpint (d->severity, ==, HL_SEVERITY_WARNING);
  g_assert_cmpint (d->blame, ==, HL_BLAME_MIDDLEBOX);
  assert_contains (d->summary, "“Example Corp TLS Inspection CA”");
  assert_contains (d->summary, "www.example.com");
  g_assert_null (find (c, "untrusted_issuer"));
  g_assert_nonnull (find (c, "handshake_ok"));
  hl_connection_free (c);
}

static void
test_wrong_purpose (void)
{
  HlConnection *c;
  const HlDiagnosis *d;

  set_ca (TRUE);
  c = cert_failure ("client-only.example.test", 43, "clientonly", "intermediate", NULL);
  d = assert_primary (c, "certificate_wrong_purpose", HL_BLAME_SERVER);
  assert_contains (d->summary, "serverAuth");
  hl_connection_free (c);
  set_ca (FALSE);
}

static void
test_weak_key (void)
{
  HlConnection *c;
  const HlDiagnosis *d;

  set_ca (TRUE);
  c = cert_failure ("weak-key.example.test", 42, "weakkey", "intermediate", NULL);
  d = assert_primary (c, "weak_certificate_key", HL_BLAME_SERVER);
  assert_contains (d->summary, "RSA key of only 1024 bits");
  hl_connection_free (c);
  set_ca (FALSE);
}

static void
test_weak_signature (void)
{
  HlConnection *c;
  const HlDiagnosis *d;

  set_ca (TRUE);
  c = cert_failure ("sha1.example.test", 42, "sha1", NULL);
  d = assert_primary (c, "weak_signature_algorithm", HL_BLAME_SERVER);
  assert_contains (d->summary, "SHA1");
  hl_connection_free (c);
  set_ca (FALSE);
}

static void
test_certificate_revoked (void)
{
  HlConnection *c;
  const HlDiagnosis *d;

  set_ca (TRUE);
  c = cert_failure ("www.example.test", 44, "leaf", "intermediate", NULL);
  d = assert_primary (c, "certificate_revoked", HL_BLAME_SERVER);
  assert_contains (d->summary, "www.example.test has been revoked");
  assert_frames (d, F (8), F (11), F (0));
  hl_connection_free (c);
  set_ca (FALSE);
}

static void
test_certificate_rejected_no_visible_cause (void)
{
  HlConnection *c;
  const HlDiagnosis *d;

  set_ca (TRUE);
  c = cert_failure ("www.example.test", 46, "leaf", "intermediate", NULL);
  d = assert_primary (c, "certificate_rejected", HL_BLAME_CLIENT);
  assert_contains (d->summary, "with the alert certificate_unknown (frame 11)");
  assert_contains (d->summary, "chain trusted by this computer");
  g_assert_false (d->inferred);
  hl_connection_free (c);
  set_ca (FALSE);
}

static void
test_tls12_silent_close_after_certificate (void)
{
  HlConnection *c;
  const HlDiagnosis *d;

  base_ts = T2021;
  set_ca (TRUE);
  c = conn_new ();
  tcp_open (c);
  add_hs (c, HL_DIR_C2S, HL_HS_CLIENT_HELLO, 4, 0.03);
  c->tls->client_hello = ch_tls13 ("expired.example.test");
  add_hs (c, HL_DIR_S2C, HL_HS_SERVER_HELLO, 5, 0.05);
  c->tls->server_hello = sh_info (0x0303, 0xc02b, 0);
  c->tls->version = 0x0303;
  add_hs (c, HL_DIR_S2C, HL_HS_CERTIFICATE, 6, 0.05);
  set_chain (c, c->tls->server_certificates, "expired", "intermediate", NULL);
  add_hs (c, HL_DIR_S2C, HL_HS_SERVER_KEY_EXCHANGE, 7, 0.05);
  add_hs (c, HL_DIR_S2C, HL_HS_SERVER_HELLO_DONE, 8, 0.05);
  add (c, HL_EVENT_TCP_FIN, HL_DIR_C2S, 9, 0.07);
  diagnose (c);
  d = assert_primary (c, "certificate_expired", HL_BLAME_SERVER);
  g_assert_true (d->inferred);
  assert_contains (d->summary, "closed the connection (frame 9) without an alert");
  assert_frames (d, F (6), F (9), F (0));
  hl_connection_free (c);
  base_ts = T2024;
  set_ca (FALSE);
}

/* ---- TLS 1.3 without a key log ------------------------------------------------------------------ */

static HlConnection *
hidden_start (void)
{
  HlConnection *c = tls13_start ("example.org");
  add (c, HL_EVENT_TLS_CCS, HL_DIR_S2C, 7, 0.055);
  add_enc (c, HL_DIR_S2C, 23, 2400, 8, 0.056);
  add_enc (c, HL_DIR_S2C, 23, 300, 9, 0.056);
  add_enc (c, HL_DIR_S2C, 23, 53, 10, 0.056);
  c->tls->encrypted_handshake = TRUE;
  c->tls->keylog = HL_KEYLOG_MISSING;
  return c;
}

static void
test_hidden_client_alert (void)
{
  HlConnection *c = hidden_start ();
  const HlDiagnosis *d;

  add (c, HL_EVENT_TLS_CCS, HL_DIR_C2S, 11, 0.06);
  add_enc (c, HL_DIR_C2S, 23, 19, 12, 0.06);
  add (c, HL_EVENT_TCP_FIN, HL_DIR_C2S, 13, 0.06);
  diagnose (c);
  d = assert_primary (c, "certificate_rejected", HL_BLAME_UNKNOWN);
  g_assert_true (d->inferred);
  assert_contains (d->summary, "likely");
  assert_contains (d->summary, "19 bytes (frame 12)");
  assert_contains (d->summary, "frames 8–10");
  assert_frames (d, F (8), F (10), F (12), F (0));
  d = find (c, "encrypted_handshake_no_keylog");
  g_assert_nonnull (d);
  g_assert_cmpint (d->severity, ==, HL_SEVERITY_WARNING);
  hl_connection_free (c);
}

static void
test_hidden_certificate_plaintext_alert (void)
{
  HlConnection *c = hidden_start ();
  const HlDiagnosis *d;

  /* OpenSSL's TLS 1.3 client rejects the certificate before it switches to
   * encrypted records: its alert is readable, the certificate is not. */
  add_alert (c, HL_DIR_C2S, 2, 48, 11, 0.06);
  add (c, HL_EVENT_TCP_FIN, HL_DIR_C2S, 12, 0.06);
  diagnose (c);
  d = assert_primary (c, "untrusted_issuer", HL_BLAME_SERVER);
  assert_frames (d, F (10), F (11), F (0));
  assert_contains (d->summary, "not visible in this capture");
  g_assert_nonnull (find (c, "encrypted_handshake_no_keylog"));
  hl_connection_free (c);

  c = hidden_start ();
  add_alert (c, HL_DIR_C2S, 2, 42, 11, 0.06);
  diagnose (c);
  d = assert_primary (c, "certificate_rejected", HL_BLAME_UNKNOWN);
  assert_contains (d->summary, "with the alert bad_certificate (frame 11)");
  hl_connection_free (c);
}

static void
test_hidden_client_close (void)
{
  HlConnection *c = hidden_start ();
  const HlDiagnosis *d;

  add (c, HL_EVENT_TCP_RST, HL_DIR_C2S, 11, 0.06);
  diagnose (c);
  d = assert_primary (c, "certificate_rejected", HL_BLAME_UNKNOWN);
  g_assert_true (d->inferred);
  assert_contains (d->summary, "closed the connection (frame 11)");
  g_assert_null (find (c, "connection_reset"));
  hl_connection_free (c);
}

static void
test_hidden_client_certificate_missing (void)
{
  HlConnection *c = hidden_start ();
  const HlDiagnosis *d;

  add (c, HL_EVENT_TLS_CCS, HL_DIR_C2S, 11, 0.06);
  add_enc (c, HL_DIR_C2S, 23, 25, 12, 0.06);   /* empty Certificate: 8 + 17 */
  add_enc (c, HL_DIR_C2S, 23, 53, 13, 0.06);   /* Finished: 36 + 17 */
  add_enc (c, HL_DIR_S2C, 23, 19, 14, 0.07);   /* the server's alert */
  add (c, HL_EVENT_TCP_FIN, HL_DIR_S2C, 15, 0.07);
  diagnose (c);
  d = assert_primary (c, "client_certificate_missing", HL_BLAME_CLIENT);
  g_assert_true (d->inferred);
  assert_frames (d, F (12), F (14), F (0));
  hl_connection_free (c);
}

static void
test_hidden_success (void)
{
  HlConnection *c = hidden_start ();
  const HlDiagnosis *d;

  add (c, HL_EVENT_TLS_CCS, HL_DIR_C2S, 11, 0.06);
  add_enc (c, HL_DIR_C2S, 23, 53, 12, 0.06);
  add_enc (c, HL_DIR_S2C, 23, 250, 13, 0.07);   /* NewSessionTicket */
  add_enc (c, HL_DIR_C2S, 23, 400, 14, 0.07);
  diagnose (c);
  g_assert_false (has_error (c));
  g_assert_nonnull (find (c, "handshake_ok"));
  d = find (c, "encrypted_handshake_no_keylog");
  g_assert_nonnull (d);
  g_assert_cmpint (d->severity, ==, HL_SEVERITY_INFO);
  hl_connection_free (c);
}

static void
test_keylog_mismatch (void)
{
  HlConnection *c = hidden_start ();
  const HlDiagnosis *d;

  c->tls->keylog = HL_KEYLOG_MISMATCH;
  add (c, HL_EVENT_TCP_FIN, HL_DIR_C2S, 11, 0.06);
  diagnose (c);
  d = find (c, "keylog_mismatch");
  g_assert_nonnull (d);
  g_assert_cmpint (d->severity, ==, HL_SEVERITY_WARNING);
  g_assert_null (find (c, "encrypted_handshake_no_keylog"));
  hl_connection_free (c);
}

/* ---- healthy and information ------------------------------------------------------------------- */

static void
test_healthy (void)
{
  HlConnection *c;
  const HlDiagnosis *d;

  set_ca (TRUE);
  c = tls13_start ("www.example.test");
  set_chain (c, c->tls->server_certificates, "leaf", "intermediate", NULL);
  tls13_server_flight (c);
  c->tls->server_hello->alpn = g_strdup ("h2");
  add_hs (c, HL_DIR_C2S, HL_HS_FINISHED, 11, 0.080)->decrypted = TRUE;
  c->tls->client_finished = TRUE;
  add_app_data (c, 12, 0.1, 300, 3000);
  add (c, HL_EVENT_TCP_FIN, HL_DIR_C2S, 13, 0.2);
  add (c, HL_EVENT_TCP_FIN, HL_DIR_S2C, 14, 0.2);
  diagnose (c);
  dump (c);
  g_assert_false (has_error (c));
  g_assert_cmpuint (c->diagnoses->len, ==, 1);
  d = find (c, "handshake_ok");
  g_assert_nonnull (d);
  g_assert_cmpint (d->severity, ==, HL_SEVERITY_INFO);
  assert_contains (d->summary, "TLS 1.3 handshake with www.example.test completed in 50 ms");
  assert_contains (d->summary, "TLS_AES_128_GCM_SHA256");
  assert_contains (d->summary, "x25519");
  assert_contains (d->summary, "application protocol h2");
  assert_frames (d, F (4), F (11), F (0));
  hl_connection_free (c);
  set_ca (FALSE);
}

static void
test_healthy_private_ca (void)
{
  HlConnection *c = tls13_start ("www.example.test");
  const HlDiagnosis *d;

  /* No CA file: this computer does not know the test root, the client did. */
  set_chain (c, c->tls->server_certificates, "leaf", "intermediate", NULL);
  tls13_server_flight (c);
  add_hs (c, HL_DIR_C2S, HL_HS_FINISHED, 11, 0.080)->decrypted = TRUE;
  c->tls->client_finished = TRUE;
  add_app_data (c, 12, 0.1, 300, 3000);
  diagnose (c);
  g_assert_cmpuint (c->diagnoses->len, ==, 2);
  d = find (c, "untrusted_issuer");
  g_assert_nonnull (d);
  g_assert_cmpint (d->severity, ==, HL_SEVERITY_INFO);
  g_assert_cmpint (d->blame, ==, HL_BLAME_UNKNOWN);
  assert_contains (d->summary, "ends at “Handshake Lens Test Root CA”, which is not in this computer's trust store");
  assert_contains (d->remedy, "--ca-file");
  g_assert_nonnull (find (c, "handshake_ok"));
  hl_connection_free (c);
}

static void
test_information (void)
{
  HlConnection *c = conn_new ();
  HlTlsInfo *tls;
  const HlDiagnosis *d;

  /* TLS 1.0 with 3DES, HRR first, resumed, slow server: 2.5 s between
   * ClientHello and ServerHello. */
  tcp_open (c);
  add_hs (c, HL_DIR_C2S, HL_HS_CLIENT_HELLO, 4, 0.030);
  tls = c->tls;
  tls->client_hello = ch_tls13 ("old.example.org");
  HL_LIST_SET_STATIC (tls->client_hello->cipher_suites, 0x000a, 0x002f);
  add_hs (c, HL_DIR_S2C, HL_HS_SERVER_HELLO, 5, 0.050)->hrr = TRUE;
  tls->hello_retry = sh_info (0x0304, 0x1301, 0x0017);
  add_hs (c, HL_DIR_C2S, HL_HS_CLIENT_HELLO, 6, 0.060);
  add_hs (c, HL_DIR_S2C, HL_HS_SERVER_HELLO, 7, 2.560);
  tls->server_hello = sh_info (0x0301, 0x000a, 0);
  tls->server_hello->legacy_version = 0x0301;
  tls->version = 0x0301;
  tls->has_cipher = TRUE;
  tls->cipher_suite = 0x000a;
  tls->resumed = TRUE;
  add (c, HL_EVENT_TLS_CCS, HL_DIR_S2C, 8, 2.561);
  add_hs (c, HL_DIR_S2C, HL_HS_FINISHED, 9, 2.561);
  add (c, HL_EVENT_TLS_CCS, HL_DIR_C2S, 10, 2.580);
  add_hs (c, HL_DIR_C2S, HL_HS_FINISHED, 11, 2.580);
  tls->client_finished = tls->server_finished = TRUE;
  add_app_data (c, 12, 2.6, 10, 10);
  diagnose (c);
  dump (c);
  g_assert_false (has_error (c));

  d = find (c, "legacy_protocol_version");
  g_assert_nonnull (d);
  g_assert_cmpint (d->severity, ==, HL_SEVERITY_WARNING);
  g_assert_cmpint (d->blame, ==, HL_BLAME_SERVER);
  assert_contains (d->summary, "TLS 1.0 (frame 7)");

  d = find (c, "weak_cipher_suite");
  g_assert_nonnull (d);
  assert_contains (d->summary, "TLS_RSA_WITH_3DES_EDE_CBC_SHA");
  g_assert_cmpint (d->blame, ==, HL_BLAME_SERVER);

  d = find (c, "hello_retry_request");
  g_assert_nonnull (d);
  g_assert_cmpint (d->severity, ==, HL_SEVERITY_INFO);
  assert_contains (d->summary, "key share for secp256r1 (HelloRetryRequest, frame 5)");
  assert_contains (d->summary, "key shares for x25519");
  assert_frames (d, F (4), F (5), F (6), F (0));

  d = find (c, "session_resumed");
  g_assert_nonnull (d);

  d = find (c, "slow_handshake");
  g_assert_nonnull (d);
  g_assert_cmpint (d->blame, ==, HL_BLAME_SERVER);
  assert_contains (d->summary, "The network round trip (SYN to SYN-ACK, frames 1–2) was 20 ms");
  assert_contains (d->summary, "the server took 2.5 s to answer the ClientHello (frame 4 to frame 7)");
  g_assert_nonnull (find (c, "handshake_ok"));
  assert_sorted (c);
  hl_connection_free (c);
}

static void
test_renegotiation_info (void)
{
  HlConnection *c = tls13_start ("example.org");
  const HlDiagnosis *d;

  c->tls->server_hello->selected_version = 0;
  c->tls->version = 0x0303;
  c->tls->client_finished = c->tls->server_finished = TRUE;
  add_app_data (c, 8, 0.1, 100, 100);
  add_hs (c, HL_DIR_C2S, HL_HS_CLIENT_HELLO, 20, 1.0)->decrypted = TRUE;
  c->tls->renegotiated = TRUE;
  c->tls->n_client_hellos = 2;
  diagnose (c);
  d = find (c, "renegotiation");
  g_assert_nonnull (d);
  assert_frames (d, F (20), F (0));
  assert_contains (d->summary, "frame 20");
  hl_connection_free (c);
}

static void
test_errors_first (void)
{
  HlConnection *c = client_hello_only ("example.org");
  HlEvent *e;

  c->started_late = TRUE;   /* info */
  e = add (c, HL_EVENT_TCP_GAP, HL_DIR_S2C, 5, 0.031);   /* warning */
  e->count = 100;
  add_alert (c, HL_DIR_S2C, 2, 40, 6, 0.032);   /* error */
  diagnose (c);
  dump (c);
  g_assert_cmpuint (c->diagnoses->len, ==, 3);
  g_assert_cmpstr (((HlDiagnosis *) g_ptr_array_index (c->diagnoses, 0))->id, ==, "no_shared_cipher");
  g_assert_cmpstr (((HlDiagnosis *) g_ptr_array_index (c->diagnoses, 1))->id, ==, "capture_gap");
  g_assert_cmpstr (((HlDiagnosis *) g_ptr_array_index (c->diagnoses, 2))->id, ==, "capture_started_late");
  /* diagnosing twice gives the same list */
  diagnose (c);
  g_assert_cmpuint (c->diagnoses->len, ==, 3);
  hl_connection_free (c);
}

/* Random timelines (any kind, either direction, partial TLS info): the
 * diagnoser never crashes, always orders errors first, and every
 * diagnosis has text and known ids. */
static void
test_random_timelines (void)
{
  static const HlEventKind kinds[] = {
    HL_EVENT_TCP_SYN, HL_EVENT_TCP_SYN_ACK, HL_EVENT_TCP_ACK, HL_EVENT_TCP_FIN, HL_EVENT_TCP_RST,
    HL_EVENT_TCP_RETRANSMISSION, HL_EVENT_TCP_ZERO_WINDOW, HL_EVENT_TCP_GAP, HL_EVENT_PLAINTEXT,
    HL_EVENT_TLS_HANDSHAKE, HL_EVENT_TLS_CCS, HL_EVENT_TLS_ALERT, HL_EVENT_TLS_ENCRYPTED,
    HL_EVENT_TLS_APP_DATA, HL_EVENT_TLS_HEARTBEAT, HL_EVENT_TLS_SSL2,
  };
  static const guint8 hs_types[] = { 0, 1, 2, 4, 8, 11, 12, 13, 14, 15, 16, 20, 24, 99 };
  static const guint8 alerts[] = { 0, 10, 20, 40, 42, 43, 44, 45, 46, 47, 48, 50, 51, 70, 71, 80, 86,
                                   90, 100, 109, 112, 116, 120, 200 };
  GRand *rand = g_rand_new_with_seed (20240601);

  for (guint round = 0; round < 3000; round++)
    {
      HlConnection *c = conn_new ();
      guint n = g_rand_int_range (rand, 0, 24);
      double t = 0;

      c->started_late = g_rand_boolean (rand);
      if (g_rand_boolean (rand))
        {
          HlTlsInfo *tls = hl_connection_ensure_tls (c);
          if (g_rand_boolean (rand))
            tls->client_hello = ch_tls13 (g_rand_boolean (rand) ? "www.example.test" : NULL);
          if (g_rand_boolean (rand))
            tls->server_hello = sh_info (g_rand_boolean (rand) ? 0x0304 : 0x0301, 0x1301, 0);
          if (g_rand_int_range (rand, 0, 4) == 0)
            tls->hello_retry = sh_info (0x0304, 0x1301, 0x0017);
          tls->version = g_rand_boolean (rand) ? 0x0304 : g_rand_boolean (rand) ? 0x0303 : 0;
          tls->has_cipher = g_rand_boolean (rand);
          tls->cipher_suite = g_rand_boolean (rand) ? 0x1301 : 0x000a;
          tls->encrypted_handshake = g_rand_boolean (rand);
          tls->keylog = g_rand_int_range (rand, 0, 4);
          tls->resumed = g_rand_int_range (rand, 0, 4) == 0;
          tls->renegotiated = g_rand_int_range (rand, 0, 4) == 0;
          tls->client_certificate_requested = g_rand_boolean (rand);
          tls->client_certificate_sent = g_rand_boolean (rand);
          tls->client_finished = g_rand_boolean (rand);
          tls->server_finished = g_rand_boolean (rand);
          if (g_rand_boolean (rand))
            g_ptr_array_add (tls->server_certificates,
                             fixture (g_rand_boolean (rand) ? "leaf" : g_rand_boolean (rand) ? "expired" : "selfsigned"));
          if (g_rand_int_range (rand, 0, 4) == 0)
            g_ptr_array_add (tls->client_certificates, fixture ("clientonly"));
        }
      for (guint i = 0; i < n; i++)
        {
          HlEventKind k = kinds[g_rand_int_range (rand, 0, G_N_ELEMENTS (kinds))];
          HlEvent *e;
          t += g_rand_double_range (rand, 0, 2);
          e = add (c, k, g_rand_boolean (rand) ? HL_DIR_C2S : HL_DIR_S2C, i + 1, t);
          e->count = g_rand_int_range (rand, 0, 5);
          e->bytes = g_rand_int_range (rand, 0, 120);
          if (k == HL_EVENT_TLS_HANDSHAKE)
            {
              e->tls_type = hs_types[g_rand_int_range (rand, 0, G_N_ELEMENTS (hs_types))];
              e->hrr = e->tls_type == 2 && g_rand_int_range (rand, 0, 4) == 0;
            }
          else if (k == HL_EVENT_TLS_ALERT)
            {
              e->tls_type = alerts[g_rand_int_range (rand, 0, G_N_ELEMENTS (alerts))];
              e->alert_level = g_rand_int_range (rand, 0, 3);
            }
          else if (k == HL_EVENT_TLS_ENCRYPTED)
            e->tls_type = g_rand_boolean (rand) ? 23 : 22;
          else if (k == HL_EVENT_PLAINTEXT)
            e->text = g_strdup (g_rand_boolean (rand) ? "HTTP/1.1 400 Bad Request" : "GET / HTTP/1.1");
          else if (k == HL_EVENT_TLS_APP_DATA)
            e->app_records[g_rand_int_range (rand, 0, 2)] = 1;
          if ((k == HL_EVENT_TLS_HANDSHAKE || k == HL_EVENT_TLS_ALERT) && c->tls == NULL && g_rand_boolean (rand))
            hl_connection_ensure_tls (c);
        }
      c->payload_bytes[0] = g_rand_int_range (rand, 0, 3) * 100;
      c->payload_bytes[1] = g_rand_int_range (rand, 0, 3) * 100;
      diagnose (c);
      assert_sorted (c);
      for (guint i = 0; i < c->diagnoses->len; i++)
        {
          const HlDiagnosis *d = g_ptr_array_index (c->diagnoses, i);
          g_assert_nonnull (d->summary);
          g_assert_nonnull (d->remedy);
          g_assert_cmpuint (strlen (d->summary), >, 10);
          for (guint j = 1; j < d->frames->len; j++)
            g_assert_cmpuint (g_array_index (d->frames, guint64, j - 1), <, g_array_index (d->frames, guint64, j));
        }
      hl_connection_free (c);
    }
  g_rand_free (rand);
}

static void
test_empty_connection (void)
{
  HlConnection *c = conn_new ();
  hl_diagnose (c, NULL);
  g_assert_cmpuint (c->diagnoses->len, ==, 0);
  hl_connection_free (c);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/diagnoser/alert-without-hello", test_alert_without_hello);
  g_test_add_func ("/diagnoser/tcp/refused", test_connection_refused);
  g_test_add_func ("/diagnoser/tcp/timeout", test_tcp_connect_timeout);
  g_test_add_func ("/diagnoser/tcp/reset-after-handshake", test_connection_reset_after_handshake);
  g_test_add_func ("/diagnoser/tcp/reset-mid-handshake", test_connection_reset_mid_handshake);
  g_test_add_func ("/diagnoser/tcp/quality", test_tcp_quality);
  g_test_add_func ("/diagnoser/tcp/started-late", test_capture_started_late);
  g_test_add_func ("/diagnoser/not-tls/server", test_server_not_tls);
  g_test_add_func ("/diagnoser/not-tls/client", test_client_not_tls);
  g_test_add_func ("/diagnoser/not-tls/plain-http", test_plain_http_is_fine);
  g_test_add_func ("/diagnoser/not-tls/error-page", test_client_not_tls_error_page);
  g_test_add_func ("/diagnoser/tcp/reset-after-fin", test_reset_after_fin);
  g_test_add_func ("/diagnoser/stall/no-response", test_server_no_response);
  g_test_add_func ("/diagnoser/stall/no-response-capture-end", test_server_no_response_until_capture_end);
  g_test_add_func ("/diagnoser/stall/no-response-one-sided", test_server_no_response_one_sided);
  g_test_add_func ("/diagnoser/stall/blackholed", test_clienthello_blackholed);
  g_test_add_func ("/diagnoser/stall/server-closed", test_server_closed_without_alert);
  g_test_add_func ("/diagnoser/stall/server-reset", test_server_reset_after_clienthello);
  g_test_add_func ("/diagnoser/stall/client-closed", test_client_closed_without_alert);
  g_test_add_func ("/diagnoser/negotiation/version-old-client", test_protocol_version_old_client);
  g_test_add_func ("/diagnoser/negotiation/version-old-server", test_protocol_version_old_server);
  g_test_add_func ("/diagnoser/negotiation/version-client-minimum", test_protocol_version_client_minimum);
  g_test_add_func ("/diagnoser/negotiation/no-shared-cipher", test_no_shared_cipher);
  g_test_add_func ("/diagnoser/negotiation/no-shared-cipher-server", test_no_shared_cipher_server);
  g_test_add_func ("/diagnoser/negotiation/no-shared-group", test_no_shared_group);
  g_test_add_func ("/diagnoser/negotiation/sni", test_sni_unrecognized_name);
  g_test_add_func ("/diagnoser/negotiation/sni-warning", test_sni_unrecognized_name_warning);
  g_test_add_func ("/diagnoser/negotiation/alpn", test_alpn_mismatch);
  g_test_add_func ("/diagnoser/negotiation/fallback", test_inappropriate_fallback);
  g_test_add_func ("/diagnoser/negotiation/missing-extension", test_missing_extension);
  g_test_add_func ("/diagnoser/negotiation/illegal-parameter-client", test_illegal_parameter_from_client);
  g_test_add_func ("/diagnoser/negotiation/illegal-parameter-server", test_illegal_parameter_from_server);
  g_test_add_func ("/diagnoser/negotiation/crypto-alerts", test_crypto_alerts);
  g_test_add_func ("/diagnoser/negotiation/renegotiation-refused", test_renegotiation_refused);
  g_test_add_func ("/diagnoser/negotiation/renegotiation-refused-fatal", test_renegotiation_refused_fatal);
  g_test_add_func ("/diagnoser/stall/alert-after-peer-close", test_alert_after_peer_close);
  g_test_add_func ("/diagnoser/stall/silent-close-untrusted-only", test_silent_close_untrusted_only);
  g_test_add_func ("/diagnoser/client-auth/missing", test_client_certificate_missing);
  g_test_add_func ("/diagnoser/client-auth/untrusted", test_client_certificate_untrusted);
  g_test_add_func ("/diagnoser/client-auth/rejected", test_client_certificate_rejected);
  g_test_add_func ("/diagnoser/certificate/expired", test_certificate_expired);
  g_test_add_func ("/diagnoser/certificate/expired-accepted", test_expired_but_accepted_is_a_warning);
  g_test_add_func ("/diagnoser/certificate/clock-skew", test_client_clock_skew);
  g_test_add_func ("/diagnoser/certificate/not-yet-valid", test_certificate_not_yet_valid);
  g_test_add_func ("/diagnoser/certificate/hostname", test_hostname_mismatch);
  g_test_add_func ("/diagnoser/certificate/self-signed", test_self_signed);
  g_test_add_func ("/diagnoser/certificate/incomplete-chain", test_incomplete_chain);
  g_test_add_func ("/diagnoser/certificate/untrusted", test_untrusted_issuer);
  g_test_add_func ("/diagnoser/certificate/untrusted-alert-only", test_untrusted_issuer_alert_only);
  g_test_add_func ("/diagnoser/certificate/interception", test_interception);
  g_test_add_func ("/diagnoser/certificate/interception-accepted", test_interception_accepted);
  g_test_add_func ("/diagnoser/certificate/wrong-purpose", test_wrong_purpose);
  g_test_add_func ("/diagnoser/certificate/weak-key", test_weak_key);
  g_test_add_func ("/diagnoser/certificate/weak-signature", test_weak_signature);
  g_test_add_func ("/diagnoser/certificate/revoked", test_certificate_revoked);
  g_test_add_func ("/diagnoser/certificate/rejected", test_certificate_rejected_no_visible_cause);
  g_test_add_func ("/diagnoser/certificate/tls12-silent-close", test_tls12_silent_close_after_certificate);
  g_test_add_func ("/diagnoser/hidden/client-alert", test_hidden_client_alert);
  g_test_add_func ("/diagnoser/hidden/client-close", test_hidden_client_close);
  g_test_add_func ("/diagnoser/hidden/plaintext-certificate-alert", test_hidden_certificate_plaintext_alert);
  g_test_add_func ("/diagnoser/hidden/client-certificate-missing", test_hidden_client_certificate_missing);
  g_test_add_func ("/diagnoser/hidden/success", test_hidden_success);
  g_test_add_func ("/diagnoser/hidden/keylog-mismatch", test_keylog_mismatch);
  g_test_add_func ("/diagnoser/info/healthy", test_healthy);
  g_test_add_func ("/diagnoser/info/healthy-private-ca", test_healthy_private_ca);
  g_test_add_func ("/diagnoser/info/information", test_information);
  g_test_add_func ("/diagnoser/info/renegotiation", test_renegotiation_info);
  g_test_add_func ("/diagnoser/order", test_errors_first);
  g_test_add_func ("/diagnoser/empty", test_empty_connection);
  g_test_add_func ("/diagnoser/random-timelines", test_random_timelines);

  return g_test_run ();
}
