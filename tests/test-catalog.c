/* test-catalog.c: every message, alert, event kind, extension and diagnosis
 * has an explanation, and every placeholder in every text renders from a
 * real connection. */
#include <string.h>
#include "catalog.h"
#include "tls-names.h"

#define T2024 G_GINT64_CONSTANT (1717200000)   /* 1 Jun 2024 00:00:00 UTC */
#define SEC   G_GINT64_CONSTANT (1000000000)

/* DESIGN.md "Diagnoses": every stable id. */
static const char * const diagnosis_ids[] = {
  "connection_refused", "tcp_connect_timeout", "connection_reset", "retransmissions", "zero_window",
  "capture_gap", "capture_started_late",
  "server_not_tls", "client_not_tls",
  "server_no_response_handshake_timeout", "clienthello_blackholed", "server_closed_without_alert",
  "server_reset_after_clienthello", "client_closed_without_alert",
  "protocol_version_mismatch", "no_shared_cipher", "no_shared_group", "sni_unrecognized_name",
  "alpn_mismatch", "renegotiation_refused", "inappropriate_fallback", "missing_extension",
  "illegal_parameter",
  "client_certificate_missing", "client_certificate_untrusted", "client_certificate_rejected",
  "certificate_expired", "certificate_not_yet_valid", "hostname_mismatch", "untrusted_issuer",
  "self_signed_certificate", "incomplete_certificate_chain", "certificate_revoked",
  "certificate_wrong_purpose", "weak_certificate_key", "weak_signature_algorithm",
  "certificate_rejected", "client_clock_skew", "tls_interception_suspected",
  "bad_record_mac", "decrypt_error", "decode_error", "internal_error", "fatal_alert",
  "handshake_ok", "session_resumed", "hello_retry_request", "renegotiation", "slow_handshake",
  "legacy_protocol_version", "weak_cipher_suite", "encrypted_handshake_no_keylog", "keylog_mismatch",
};

/* DESIGN.md "report contract": message names, plus CCS and HRR. */
static const char * const message_names[] = {
  "client_hello", "server_hello", "hello_retry_request", "encrypted_extensions", "certificate",
  "certificate_request", "server_key_exchange", "server_hello_done", "certificate_verify",
  "client_key_exchange", "finished", "new_session_ticket", "end_of_early_data", "key_update",
  "certificate_status", "hello_request", "compressed_certificate", "change_cipher_spec",
};

/* The event kinds the ladder shows. */
static const char * const event_names[] = {
  "syn", "syn_ack", "ack", "fin", "rst", "retransmission", "zero_window", "gap", "plaintext",
  "encrypted", "app_data", "heartbeat", "sslv2",
};

/* Extensions that matter, by code point (names come from tls-names). */
static const guint16 extension_types[] = {
  0, 43, 51, 10, 13, 16, 41, 45, 42, 35, 23, 22, 0xff01, 5, 44, 21, 28, 11, 47, 49, 0xfe0d,
};

/* ---- a rich connection ---------------------------------------------------- */

static HlCertificate *
fixture (const char *name)
{
  g_autofree char *file = g_strconcat (name, ".der", NULL);
  g_autofree char *path = g_build_filename (g_getenv ("HL_TEST_DATA"), "certs", file, NULL);
  g_autofree char *der = NULL;
  gsize len = 0;

  g_assert_true (g_file_get_contents (path, &der, &len, NULL));
  return hl_certificate_new_from_der ((const guint8 *) der, len);
}

static HlEvent *
add (HlConnection *c, HlEventKind kind, HlDirection dir, guint64 frame, double t)
{
  HlEvent *e = hl_event_new (kind, dir, frame, T2024 * SEC + (gint64) (t * 1e9));
  hl_connection_add_event (c, e);
  c->last_frame = frame;
  c->last_ts_ns = e->ts_ns;
  return e;
}

static HlConnection *
rich_connection (void)
{
  HlConnection *c = hl_connection_new ();
  static const guint8 cip[4] = { 192, 0, 2, 1 }, sip[4] = { 198, 51, 100, 7 };
  HlTlsInfo *tls;
  HlClientHelloInfo *ch;
  HlServerHelloInfo *sh, *hrr;
  HlEvent *e;

  c->id = 1;
  c->client.family = c->server.family = 4;
  memcpy (c->client.addr, cip, 4);
  memcpy (c->server.addr, sip, 4);
  c->client.port = 51234;
  c->server.port = 443;
  c->first_frame = 1;
  c->first_ts_ns = T2024 * SEC;
  c->syn = c->syn_ack = c->ack = TRUE;
  c->payload_bytes[0] = 1200;
  c->payload_bytes[1] = 9000;

  tls = hl_connection_ensure_tls (c);
  ch = tls->client_hello = g_new0 (HlClientHelloInfo, 1);
  ch->legacy_version = 0x0303;
  HL_LIST_SET_STATIC (ch->supported_versions, 0x0a0a, 0x0304, 0x0303);
  HL_LIST_SET_STATIC (ch->cipher_suites, 0x1301, 0x1302, 0x1303, 0xc02f);
  HL_LIST_SET_STATIC (ch->extensions, 0, 10, 13, 16, 43, 51);
  HL_LIST_SET_STATIC (ch->supported_groups, 0x001d, 0x0017);
  HL_LIST_SET_STATIC (ch->key_share_groups, 0x0017);
  HL_LIST_SET_STATIC (ch->signature_algorithms, 0x0403);
  HL_LIST_SET_STATIC (ch->alpn, "h2", "http/1.1");
  ch->sni = "www.example.test";

  hrr = tls->hello_retry = g_new0 (HlServerHelloInfo, 1);
  hrr->key_share_group = 0x001d;
  sh = tls->server_hello = g_new0 (HlServerHelloInfo, 1);
  sh->legacy_version = 0x0303;
  sh->selected_version = 0x0304;
  sh->cipher_suite = 0x1301;
  sh->key_share_group = 0x001d;
  sh->alpn = g_strdup ("h2");
  tls->version = 0x0304;
  tls->has_cipher = TRUE;
  tls->cipher_suite = 0x1301;
  g_ptr_array_add (tls->server_certificates, fixture ("leaf"));
  g_ptr_array_add (tls->server_certificates, fixture ("intermediate"));
  g_ptr_array_add (tls->client_certificates, fixture ("clientonly"));

  add (c, HL_EVENT_TCP_SYN, HL_DIR_C2S, 1, 0);
  add (c, HL_EVENT_TCP_SYN_ACK, HL_DIR_S2C, 2, 0.02);
  add (c, HL_EVENT_TCP_ACK, HL_DIR_C2S, 3, 0.021);
  e = add (c, HL_EVENT_TLS_HANDSHAKE, HL_DIR_C2S, 4, 0.03); e->tls_type = 1; e->record_version = 0x0301;
  e = add (c, HL_EVENT_TLS_HANDSHAKE, HL_DIR_S2C, 5, 0.05); e->tls_type = 2; e->hrr = TRUE;
  e = add (c, HL_EVENT_TLS_HANDSHAKE, HL_DIR_C2S, 6, 0.06); e->tls_type = 1;
  e = add (c, HL_EVENT_TLS_HANDSHAKE, HL_DIR_S2C, 7, 0.08); e->tls_type = 2;
  add (c, HL_EVENT_TLS_CCS, HL_DIR_S2C, 8, 0.08);
  e = add (c, HL_EVENT_TLS_HANDSHAKE, HL_DIR_S2C, 9, 0.08); e->tls_type = 8; e->decrypted = TRUE;
  e = add (c, HL_EVENT_TLS_HANDSHAKE, HL_DIR_S2C, 10, 0.08); e->tls_type = 11; e->decrypted = TRUE;
  e = add (c, HL_EVENT_TLS_ENCRYPTED, HL_DIR_S2C, 11, 0.08); e->tls_type = 23; e->bytes = 280;
  e = add (c, HL_EVENT_TLS_HANDSHAKE, HL_DIR_C2S, 12, 0.1); e->tls_type = 11; e->decrypted = TRUE;
  e = add (c, HL_EVENT_TLS_APP_DATA, HL_DIR_C2S, 13, 0.2);
  e->count = 14; e->bytes = 39000; e->app_records[0] = 4; e->app_records[1] = 10;
  e = add (c, HL_EVENT_TLS_ALERT, HL_DIR_S2C, 14, 0.3); e->tls_type = 40; e->alert_level = 2;
  e = add (c, HL_EVENT_TCP_RETRANSMISSION, HL_DIR_C2S, 15, 0.3); e->count = 3;
  add (c, HL_EVENT_TCP_ZERO_WINDOW, HL_DIR_S2C, 16, 0.3);
  e = add (c, HL_EVENT_TCP_GAP, HL_DIR_S2C, 17, 0.3); e->count = 1448;
  e = add (c, HL_EVENT_PLAINTEXT, HL_DIR_S2C, 18, 0.3); e->text = g_strdup ("HTTP/1.1 400 Bad Request");
  add (c, HL_EVENT_TLS_HEARTBEAT, HL_DIR_C2S, 19, 0.3);
  add (c, HL_EVENT_TLS_SSL2, HL_DIR_C2S, 20, 0.3);
  add (c, HL_EVENT_TCP_FIN, HL_DIR_C2S, 21, 0.4);
  add (c, HL_EVENT_TCP_RST, HL_DIR_S2C, 22, 0.5);
  return c;
}

/* ---- coverage ----------------------------------------------------------------- */

static void
assert_entry (HlCatalogKind kind, const char *key)
{
  const HlCatalogEntry *e = hl_catalog_lookup (kind, key);

  if (e == NULL)
    g_error ("no catalog entry for %d/%s", kind, key);
  g_assert_cmpstr (e->key, !=, NULL);
  g_assert_cmpuint (strlen (e->title), >, 0);
  g_assert_cmpuint (strlen (e->beginner), >, 40);
  g_assert_cmpuint (strlen (e->expert), >, 40);
  g_assert_cmpstr (hl_catalog_title (e), ==, e->title);   /* C locale */
}

static void
test_design_coverage (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (diagnosis_ids); i++)
    assert_entry (HL_CATALOG_DIAGNOSIS, diagnosis_ids[i]);
  for (guint i = 0; i < G_N_ELEMENTS (message_names); i++)
    assert_entry (HL_CATALOG_MESSAGE, message_names[i]);
  for (guint i = 0; i < G_N_ELEMENTS (event_names); i++)
    assert_entry (HL_CATALOG_EVENT, event_names[i]);
}

static void
test_tls_names_coverage (void)
{
  guint messages = 0, alerts = 0;

  /* Every name tls-names can produce has an entry under that very name. */
  for (guint t = 0; t < 256; t++)
    {
      const char *name = hl_tls_handshake_type_name (t);
      if (name)
        {
          assert_entry (HL_CATALOG_MESSAGE, name);
          messages++;
        }
      name = hl_tls_alert_name (t);
      if (name)
        {
          assert_entry (HL_CATALOG_ALERT, name);
          alerts++;
        }
    }
  g_assert_cmpuint (messages, >=, 21);
  g_assert_cmpuint (alerts, >=, 35);
  for (guint i = 0; i < G_N_ELEMENTS (extension_types); i++)
    {
      const char *name = hl_tls_extension_name (extension_types[i]);
      g_assert_nonnull (name);
      assert_entry (HL_CATALOG_EXTENSION, name);
    }
  /* Every event kind maps to an entry. */
  for (int k = HL_EVENT_TCP_SYN; k <= HL_EVENT_TLS_SSL2; k++)
    assert_entry (HL_CATALOG_EVENT, hl_event_kind_to_string (k));
}

static void
test_unknown_and_aliases (void)
{
  g_assert_null (hl_catalog_lookup (HL_CATALOG_DIAGNOSIS, "no_such_diagnosis"));
  g_assert_null (hl_catalog_lookup (HL_CATALOG_MESSAGE, "handshake_failure"));   /* an alert, not a message */
  g_assert_null (hl_catalog_lookup (HL_CATALOG_ALERT, NULL));
  g_assert_null (hl_catalog_lookup (HL_CATALOG_EXTENSION, ""));
  g_assert_cmpstr (hl_catalog_lookup (HL_CATALOG_EXTENSION, "alpn")->key, ==,
                   "application_layer_protocol_negotiation");
  g_assert_cmpstr (hl_catalog_lookup (HL_CATALOG_ALERT, "no_certificate_RESERVED")->key, ==, "no_certificate");
  g_assert_cmpstr (hl_catalog_lookup (HL_CATALOG_ALERT, "decryption_failed_RESERVED")->key, ==,
                   "decryption_failed");
}

static void
test_entries_unique_and_linked (void)
{
  guint n = 0;
  const HlCatalogEntry *entries = hl_catalog_entries (&n);
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  g_assert_cmpuint (n, >, 150);
  for (guint i = 0; i < n; i++)
    {
      const HlCatalogEntry *e = &entries[i];
      char *k = g_strdup_printf ("%d/%s", e->kind, e->key);
      g_assert_false (g_hash_table_contains (seen, k));
      g_hash_table_add (seen, k);
      g_assert_true (hl_catalog_lookup (e->kind, e->key) == e);

      /* rfc and rfc_url go together and agree: "RFC 8446, section 4.1.2"
       * <-> https://www.rfc-editor.org/rfc/rfc8446#section-4.1.2 */
      g_assert_true ((e->rfc == NULL) == (e->rfc_url == NULL));
      if (e->rfc)
        {
          g_autofree char *number = NULL, *section = NULL, *want = NULL;
          const char *comma;
          g_assert_true (g_str_has_prefix (e->rfc, "RFC "));
          comma = strchr (e->rfc, ',');
          number = g_strndup (e->rfc + 4, comma ? (gsize) (comma - e->rfc - 4) : strlen (e->rfc + 4));
          if (comma && g_str_has_prefix (comma, ", section "))
            want = g_strdup_printf ("https://www.rfc-editor.org/rfc/rfc%s#section-%s", number,
                                    comma + strlen (", section "));
          else if (comma && g_str_has_prefix (comma, ", appendix "))
            want = g_strdup_printf ("https://www.rfc-editor.org/rfc/rfc%s#appendix-%s", number,
                                    comma + strlen (", appendix "));
          else
            want = g_strdup_printf ("https://www.rfc-editor.org/rfc/rfc%s", number);
          g_assert_cmpstr (e->rfc_url, ==, want);
        }

      /* Beginner texts are short: at most 4 sentences. */
      {
        guint sentences = 0;
        for (const char *p = e->beginner; *p; p++)
          if ((*p == '.' || *p == '?' || *p == '!') && (p[1] == ' ' || p[1] == '\0'))
            sentences++;
        if (sentences > 4)
          g_error ("%s: beginner text has %u sentences", e->key, sentences);
      }
    }
}

/* ---- placeholders ----------------------------------------------------------------- */

static void
collect_placeholders (const char *text, GHashTable *out)
{
  for (const char *p = strchr (text, '{'); p; p = strchr (p + 1, '{'))
    {
      const char *q = p + 1;
      while (g_ascii_islower (*q) || g_ascii_isdigit (*q) || *q == '_')
        q++;
      g_assert_true (*q == '}');   /* no literal braces in texts */
      g_hash_table_add (out, g_strndup (p + 1, q - p - 1));
    }
}

static void
assert_renders (const HlCatalogEntry *e, GHashTable *values)
{
  for (int reg = HL_REGISTER_BEGINNER; reg <= HL_REGISTER_EXPERT; reg++)
    {
      gboolean missing = TRUE;
      g_autofree char *text = hl_catalog_render (e, reg, values, &missing);
      if (missing)
        g_error ("%s (%s): a placeholder did not render: %s", e->key, reg ? "expert" : "beginner", text);
      g_assert_null (strchr (text, '{'));
      g_assert_null (strchr (text, '}'));
      g_assert_cmpuint (strlen (text), >, 20);
    }
}

static void
test_every_placeholder_renders (void)
{
  HlConnection *c = rich_connection ();
  g_autoptr(GHashTable) used = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GHashTable) conn_values = hl_catalog_values_for (c, NULL);
  guint n = 0;
  const HlCatalogEntry *entries = hl_catalog_entries (&n);
  GHashTableIter it;
  gpointer key;

  for (guint i = 0; i < n; i++)
    {
      collect_placeholders (entries[i].beginner, used);
      collect_placeholders (entries[i].expert, used);
    }
  g_assert_cmpuint (g_hash_table_size (used), >=, 20);

  /* Each placeholder used anywhere is provided, with or without an event. */
  g_hash_table_iter_init (&it, used);
  while (g_hash_table_iter_next (&it, &key, NULL))
    {
      if (!g_hash_table_contains (conn_values, key))
        g_error ("placeholder {%s} is not provided by hl_catalog_values_for", (char *) key);
      for (guint i = 0; i < c->events->len; i++)
        {
          g_autoptr(GHashTable) ev = hl_catalog_values_for (c, g_ptr_array_index (c->events, i));
          g_assert_true (g_hash_table_contains (ev, key));
        }
    }

  /* Every entry renders completely, for the connection and for every event. */
  for (guint i = 0; i < n; i++)
    {
      assert_renders (&entries[i], conn_values);
      for (guint j = 0; j < c->events->len; j++)
        {
          g_autoptr(GHashTable) ev = hl_catalog_values_for (c, g_ptr_array_index (c->events, j));
          assert_renders (&entries[i], ev);
        }
    }

  /* ... and from a bare connection with no TLS at all (fallback values). */
  {
    HlConnection *bare = hl_connection_new ();
    g_autoptr(GHashTable) bv = hl_catalog_values_for (bare, NULL);
    g_autoptr(GHashTable) nv = hl_catalog_values_for (NULL, NULL);
    for (guint i = 0; i < n; i++)
      {
        assert_renders (&entries[i], bv);
        assert_renders (&entries[i], nv);
      }
    hl_connection_free (bare);
  }
  hl_connection_free (c);
}

static void
test_values (void)
{
  HlConnection *c = rich_connection ();
  g_autoptr(GHashTable) v = hl_catalog_values_for (c, NULL);
  g_autoptr(GHashTable) alert = hl_catalog_values_for (c, g_ptr_array_index (c->events, 13));
  g_autoptr(GHashTable) client_cert = hl_catalog_values_for (c, g_ptr_array_index (c->events, 11));

  g_assert_cmpstr (g_hash_table_lookup (v, "client"), ==, "192.0.2.1:51234");
  g_assert_cmpstr (g_hash_table_lookup (v, "server"), ==, "198.51.100.7:443");
  g_assert_cmpstr (g_hash_table_lookup (v, "server_port"), ==, "443");
  g_assert_cmpstr (g_hash_table_lookup (v, "sni"), ==, "www.example.test");
  g_assert_cmpstr (g_hash_table_lookup (v, "version"), ==, "TLS 1.3");
  g_assert_cmpstr (g_hash_table_lookup (v, "versions_offered"), ==, "TLS 1.3, TLS 1.2");
  g_assert_cmpstr (g_hash_table_lookup (v, "cipher"), ==, "TLS_AES_128_GCM_SHA256");
  g_assert_cmpstr (g_hash_table_lookup (v, "cipher_count"), ==, "4");
  g_assert_cmpstr (g_hash_table_lookup (v, "group"), ==, "x25519");
  g_assert_cmpstr (g_hash_table_lookup (v, "groups_offered"), ==, "x25519, secp256r1");
  g_assert_cmpstr (g_hash_table_lookup (v, "alpn"), ==, "h2");
  g_assert_cmpstr (g_hash_table_lookup (v, "alpn_offered"), ==, "h2, http/1.1");
  g_assert_cmpstr (g_hash_table_lookup (v, "subject"), ==, "www.example.test");
  g_assert_cmpstr (g_hash_table_lookup (v, "issuer"), ==, "Handshake Lens Test Intermediate CA");
  g_assert_cmpstr (g_hash_table_lookup (v, "not_before"), ==, "1 Jan 2024");
  g_assert_cmpstr (g_hash_table_lookup (v, "not_after"), ==, "1 Jan 2025");
  g_assert_cmpstr (g_hash_table_lookup (v, "chain_length"), ==, "2");
  g_assert_cmpstr (g_hash_table_lookup (v, "alert"), ==, "handshake_failure");   /* the connection's */

  g_assert_cmpstr (g_hash_table_lookup (alert, "frame"), ==, "14");
  g_assert_cmpstr (g_hash_table_lookup (alert, "alert"), ==, "handshake_failure");
  g_assert_cmpstr (g_hash_table_lookup (alert, "alert_code"), ==, "40");
  g_assert_cmpstr (g_hash_table_lookup (alert, "alert_level"), ==, "fatal");
  g_assert_cmpstr (g_hash_table_lookup (alert, "sender"), ==, "the server");
  g_assert_cmpstr (g_hash_table_lookup (alert, "receiver"), ==, "the client");
  g_assert_cmpstr (g_hash_table_lookup (alert, "time"), ==, "0.300 s");

  /* a client Certificate event describes the client's certificate */
  g_assert_cmpstr (g_hash_table_lookup (client_cert, "subject"), ==, "client-only.example.test");
  g_assert_cmpstr (g_hash_table_lookup (client_cert, "sender"), ==, "the client");
  hl_connection_free (c);
}

static void
test_render (void)
{
  HlConnection *c = rich_connection ();
  const HlEvent *ch = g_ptr_array_index (c->events, 3);
  g_autofree char *b = hl_catalog_explain_event (c, ch, HL_REGISTER_BEGINNER);
  g_autofree char *x = hl_catalog_explain_event (c, ch, HL_REGISTER_EXPERT);
  g_autoptr(GHashTable) values = hl_catalog_values_for (c, NULL);
  static const HlCatalogEntry custom = {
    HL_CATALOG_DIAGNOSIS, "custom", "Custom", "a {nope} b {sni} { not } {Upper} {", "", NULL, NULL
  };
  gboolean missing = FALSE;
  g_autofree char *r = NULL, *empty = NULL;

  g_assert_nonnull (strstr (b, "Your computer (192.0.2.1:51234) says hello to the server (198.51.100.7:443)"));
  g_assert_nonnull (strstr (b, "(TLS 1.3, TLS 1.2)"));
  g_assert_nonnull (strstr (b, "(www.example.test)"));
  g_assert_nonnull (strstr (x, "frame 4"));
  g_assert_nonnull (strstr (x, "RFC 5246, section 7.4.1.2"));

  r = hl_catalog_render (&custom, HL_REGISTER_BEGINNER, values, &missing);
  g_assert_cmpstr (r, ==, "a ? b www.example.test { not } {Upper} {");
  g_assert_true (missing);
  empty = hl_catalog_render (&custom, HL_REGISTER_EXPERT, values, &missing);
  g_assert_cmpstr (empty, ==, "");
  g_assert_false (missing);
  g_free (hl_catalog_render (&custom, HL_REGISTER_BEGINNER, NULL, NULL));
  hl_connection_free (c);
}

static void
test_entry_for_event (void)
{
  HlConnection *c = rich_connection ();
  static const struct { guint index; HlCatalogKind kind; const char *key; } cases[] = {
    { 0, HL_CATALOG_EVENT, "syn" },
    { 1, HL_CATALOG_EVENT, "syn_ack" },
    { 2, HL_CATALOG_EVENT, "ack" },
    { 3, HL_CATALOG_MESSAGE, "client_hello" },
    { 4, HL_CATALOG_MESSAGE, "hello_retry_request" },
    { 6, HL_CATALOG_MESSAGE, "server_hello" },
    { 7, HL_CATALOG_MESSAGE, "change_cipher_spec" },
    { 8, HL_CATALOG_MESSAGE, "encrypted_extensions" },
    { 9, HL_CATALOG_MESSAGE, "certificate" },
    { 10, HL_CATALOG_EVENT, "encrypted" },
    { 12, HL_CATALOG_EVENT, "app_data" },
    { 13, HL_CATALOG_ALERT, "handshake_failure" },
    { 14, HL_CATALOG_EVENT, "retransmission" },
    { 15, HL_CATALOG_EVENT, "zero_window" },
    { 16, HL_CATALOG_EVENT, "gap" },
    { 17, HL_CATALOG_EVENT, "plaintext" },
    { 18, HL_CATALOG_EVENT, "heartbeat" },
    { 19, HL_CATALOG_EVENT, "sslv2" },
    { 20, HL_CATALOG_EVENT, "fin" },
    { 21, HL_CATALOG_EVENT, "rst" },
  };
  HlEvent *odd;

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      const HlCatalogEntry *e = hl_catalog_entry_for_event (c, g_ptr_array_index (c->events, cases[i].index));
      g_assert_nonnull (e);
      g_assert_cmpint (e->kind, ==, cases[i].kind);
      g_assert_cmpstr (e->key, ==, cases[i].key);
    }

  /* Unknown code points fall back to the generic event entries. */
  odd = hl_event_new (HL_EVENT_TLS_HANDSHAKE, HL_DIR_C2S, 99, 0);
  odd->tls_type = 99;
  g_assert_cmpstr (hl_catalog_entry_for_event (c, odd)->key, ==, "handshake");
  odd->kind = HL_EVENT_TLS_ALERT;
  odd->tls_type = 250;
  g_assert_cmpstr (hl_catalog_entry_for_event (c, odd)->key, ==, "alert");
  {
    g_autofree char *text = hl_catalog_explain_event (c, odd, HL_REGISTER_EXPERT);
    g_assert_nonnull (strstr (text, "(250)"));
  }
  hl_event_free (odd);
  g_assert_null (hl_catalog_entry_for_event (c, NULL));
  hl_connection_free (c);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/catalog/design-coverage", test_design_coverage);
  g_test_add_func ("/catalog/tls-names-coverage", test_tls_names_coverage);
  g_test_add_func ("/catalog/unknown-and-aliases", test_unknown_and_aliases);
  g_test_add_func ("/catalog/unique-and-linked", test_entries_unique_and_linked);
  g_test_add_func ("/catalog/placeholders", test_every_placeholder_renders);
  g_test_add_func ("/catalog/values", test_values);
  g_test_add_func ("/catalog/render", test_render);
  g_test_add_func ("/catalog/entry-for-event", test_entry_for_event);

  return g_test_run ();
}
