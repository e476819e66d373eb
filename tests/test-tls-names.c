/* test-tls-names.c: names of TLS code points, GREASE, weak suites, tables. */
#include <glib.h>
#include <string.h>

#include "tls-names.h"

static void
test_versions (void)
{
  const char *draft;

  g_assert_cmpstr (hl_tls_version_name (0x0002), ==, "SSL 2.0");
  g_assert_cmpstr (hl_tls_version_name (0x0300), ==, "SSL 3.0");
  g_assert_cmpstr (hl_tls_version_name (0x0301), ==, "TLS 1.0");
  g_assert_cmpstr (hl_tls_version_name (0x0302), ==, "TLS 1.1");
  g_assert_cmpstr (hl_tls_version_name (0x0303), ==, "TLS 1.2");
  g_assert_cmpstr (hl_tls_version_name (0x0304), ==, "TLS 1.3");
  g_assert_cmpstr (hl_tls_version_name (0xfefd), ==, "DTLS 1.2");
  g_assert_cmpstr (hl_tls_version_name (0xfeff), ==, "DTLS 1.0");

  /* Drafts and unknown values: lowercase hex, as the JSON report shows. */
  g_assert_cmpstr (hl_tls_version_name (0x7f17), ==, "0x7f17");
  g_assert_cmpstr (hl_tls_version_name (0x7f1c), ==, "0x7f1c");
  g_assert_cmpstr (hl_tls_version_name (0xfb1a), ==, "0xfb1a");
  g_assert_cmpstr (hl_tls_version_name (0x0a0a), ==, "0x0a0a");
  g_assert_cmpstr (hl_tls_version_name (0x0000), ==, "0x0000");
  g_assert_cmpstr (hl_tls_version_name (0x0305), ==, "0x0305");
  g_assert_cmpstr (hl_tls_version_name (0xffff), ==, "0xffff");
  g_assert_cmpstr (hl_tls_version_name (0xABCD), ==, "0xabcd");

  /* A formatted name stays valid however many other names are made. */
  draft = hl_tls_version_name (0x7f1c);
  for (guint v = 0x7f00; v <= 0x7fff; v++)
    hl_tls_version_name (v);
  for (guint v = 0; v < 0x400; v++)
    hl_tls_version_name (v);
  g_assert_cmpstr (draft, ==, "0x7f1c");
  g_assert_true (draft == hl_tls_version_name (0x7f1c));
}

static void *
version_thread (gpointer data)
{
  guint base = GPOINTER_TO_UINT (data);

  for (guint i = 0; i < 2000; i++)
    {
      guint16 v = (guint16) (base + (i % 64));
      char expect[8];

      g_snprintf (expect, sizeof expect, "0x%04x", v);
      if (g_strcmp0 (hl_tls_version_name (v), expect) != 0)
        return GUINT_TO_POINTER (1);
    }
  return NULL;
}

static void
test_versions_threads (void)
{
  GThread *threads[4];

  for (guint i = 0; i < G_N_ELEMENTS (threads); i++)
    threads[i] = g_thread_new ("names", version_thread, GUINT_TO_POINTER (0x7f00 + i * 16));
  for (guint i = 0; i < G_N_ELEMENTS (threads); i++)
    g_assert_null (g_thread_join (threads[i]));
}

static void
test_cipher_suites (void)
{
  static const struct { guint16 id; const char *name; } cases[] = {
    { 0x0000, "TLS_NULL_WITH_NULL_NULL" },
    { 0x0001, "TLS_RSA_WITH_NULL_MD5" },
    { 0x0003, "TLS_RSA_EXPORT_WITH_RC4_40_MD5" },
    { 0x0005, "TLS_RSA_WITH_RC4_128_SHA" },
    { 0x000a, "TLS_RSA_WITH_3DES_EDE_CBC_SHA" },
    { 0x0017, "TLS_DH_anon_EXPORT_WITH_RC4_40_MD5" },
    { 0x001b, "TLS_DH_anon_WITH_3DES_EDE_CBC_SHA" },
    { 0x001e, "TLS_KRB5_WITH_DES_CBC_SHA" },
    { 0x002c, "TLS_PSK_WITH_NULL_SHA" },
    { 0x002f, "TLS_RSA_WITH_AES_128_CBC_SHA" },
    { 0x0035, "TLS_RSA_WITH_AES_256_CBC_SHA" },
    { 0x0039, "TLS_DHE_RSA_WITH_AES_256_CBC_SHA" },
    { 0x0041, "TLS_RSA_WITH_CAMELLIA_128_CBC_SHA" },
    { 0x0067, "TLS_DHE_RSA_WITH_AES_128_CBC_SHA256" },
    { 0x0084, "TLS_RSA_WITH_CAMELLIA_256_CBC_SHA" },
    { 0x0096, "TLS_RSA_WITH_SEED_CBC_SHA" },
    { 0x009c, "TLS_RSA_WITH_AES_128_GCM_SHA256" },
    { 0x00ae, "TLS_PSK_WITH_AES_128_CBC_SHA256" },
    { 0x00c5, "TLS_DH_anon_WITH_CAMELLIA_256_CBC_SHA256" },
    { 0x00c6, "TLS_SM4_GCM_SM3" },
    { 0x00c7, "TLS_SM4_CCM_SM3" },
    { 0x00ff, "TLS_EMPTY_RENEGOTIATION_INFO_SCSV" },
    { 0x1301, "TLS_AES_128_GCM_SHA256" },
    { 0x1302, "TLS_AES_256_GCM_SHA384" },
    { 0x1303, "TLS_CHACHA20_POLY1305_SHA256" },
    { 0x1304, "TLS_AES_128_CCM_SHA256" },
    { 0x1305, "TLS_AES_128_CCM_8_SHA256" },
    { 0x1306, "TLS_AEGIS_256_SHA512" },
    { 0x1307, "TLS_AEGIS_128L_SHA256" },
    { 0x5600, "TLS_FALLBACK_SCSV" },
    { 0xc001, "TLS_ECDH_ECDSA_WITH_NULL_SHA" },
    { 0xc011, "TLS_ECDHE_RSA_WITH_RC4_128_SHA" },
    { 0xc013, "TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA" },
    { 0xc018, "TLS_ECDH_anon_WITH_AES_128_CBC_SHA" },
    { 0xc01a, "TLS_SRP_SHA_WITH_3DES_EDE_CBC_SHA" },
    { 0xc027, "TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA256" },
    { 0xc02b, "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256" },
    { 0xc02f, "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256" },
    { 0xc030, "TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384" },
    { 0xc035, "TLS_ECDHE_PSK_WITH_AES_128_CBC_SHA" },
    { 0xc03b, "TLS_ECDHE_PSK_WITH_NULL_SHA384" },
    { 0xc03c, "TLS_RSA_WITH_ARIA_128_CBC_SHA256" },
    { 0xc05c, "TLS_ECDHE_ECDSA_WITH_ARIA_128_GCM_SHA256" },
    { 0xc071, "TLS_ECDHE_PSK_WITH_ARIA_256_CBC_SHA384" },
    { 0xc072, "TLS_ECDHE_ECDSA_WITH_CAMELLIA_128_CBC_SHA256" },
    { 0xc09b, "TLS_ECDHE_PSK_WITH_CAMELLIA_256_CBC_SHA384" },
    { 0xc09c, "TLS_RSA_WITH_AES_128_CCM" },
    { 0xc0a0, "TLS_RSA_WITH_AES_128_CCM_8" },
    { 0xc0aa, "TLS_PSK_DHE_WITH_AES_128_CCM_8" },
    { 0xc0ac, "TLS_ECDHE_ECDSA_WITH_AES_128_CCM" },
    { 0xc0af, "TLS_ECDHE_ECDSA_WITH_AES_256_CCM_8" },
    { 0xc0b0, "TLS_ECCPWD_WITH_AES_128_GCM_SHA256" },
    { 0xc0b4, "TLS_SHA256_SHA256" },
    { 0xc0b5, "TLS_SHA384_SHA384" },
    { 0xc100, "TLS_GOSTR341112_256_WITH_KUZNYECHIK_CTR_OMAC" },
    { 0xc102, "TLS_GOSTR341112_256_WITH_28147_CNT_IMIT" },
    { 0xc106, "TLS_GOSTR341112_256_WITH_MAGMA_MGM_S" },
    { 0xcca8, "TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256" },
    { 0xcca9, "TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256" },
    { 0xccae, "TLS_RSA_PSK_WITH_CHACHA20_POLY1305_SHA256" },
    { 0xd001, "TLS_ECDHE_PSK_WITH_AES_128_GCM_SHA256" },
    { 0xd003, "TLS_ECDHE_PSK_WITH_AES_128_CCM_8_SHA256" },
    { 0xd005, "TLS_ECDHE_PSK_WITH_AES_128_CCM_SHA256" },
    /* Deployed but never IANA-assigned; named as tshark names them. */
    { 0x0062, "TLS_RSA_EXPORT1024_WITH_DES_CBC_SHA" },
    { 0xcc13, "TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256" },
    { 0xfeff, "SSL_RSA_FIPS_WITH_3DES_EDE_CBC_SHA" },
  };
  static const guint16 unknown[] = {
    0x0047, 0x005d, 0x006e, 0x00c8, 0x00fe, 0x0100, 0x1300, 0x1308,
    0xc000, 0xc0b6, 0xc107, 0xcca7, 0xccaf, 0xd000, 0xd004, 0xd006, 0xffff,
    0x0a0a, 0x1a1a, 0xfafa,
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    g_assert_cmpstr (hl_tls_cipher_suite_name (cases[i].id), ==, cases[i].name);
  for (guint i = 0; i < G_N_ELEMENTS (unknown); i++)
    g_assert_null (hl_tls_cipher_suite_name (unknown[i]));
}

static void
test_handshake_types (void)
{
  static const struct { guint8 type; const char *name, *title; } cases[] = {
    {   0, "hello_request", "HelloRequest" },
    {   1, "client_hello", "ClientHello" },
    {   2, "server_hello", "ServerHello" },
    {   3, "hello_verify_request", "HelloVerifyRequest" },
    {   4, "new_session_ticket", "NewSessionTicket" },
    {   5, "end_of_early_data", "EndOfEarlyData" },
    {   6, "hello_retry_request", "HelloRetryRequest" },
    {   8, "encrypted_extensions", "EncryptedExtensions" },
    {   9, "request_connection_id", "RequestConnectionId" },
    {  10, "new_connection_id", "NewConnectionId" },
    {  11, "certificate", "Certificate" },
    {  12, "server_key_exchange", "ServerKeyExchange" },
    {  13, "certificate_request", "CertificateRequest" },
    {  14, "server_hello_done", "ServerHelloDone" },
    {  15, "certificate_verify", "CertificateVerify" },
    {  16, "client_key_exchange", "ClientKeyExchange" },
    {  17, "client_certificate_request", "ClientCertificateRequest" },
    {  20, "finished", "Finished" },
    {  21, "certificate_url", "CertificateURL" },
    {  22, "certificate_status", "CertificateStatus" },
    {  23, "supplemental_data", "SupplementalData" },
    {  24, "key_update", "KeyUpdate" },
    {  25, "compressed_certificate", "CompressedCertificate" },
    {  26, "ekt_key", "EKTKey" },
    { 254, "message_hash", "MessageHash" },
  };
  static const guint8 unknown[] = { 7, 18, 19, 27, 66, 68, 253, 255 };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_assert_cmpstr (hl_tls_handshake_type_name (cases[i].type), ==, cases[i].name);
      g_assert_cmpstr (hl_tls_handshake_type_title (cases[i].type), ==, cases[i].title);
    }
  for (guint i = 0; i < G_N_ELEMENTS (unknown); i++)
    {
      g_assert_null (hl_tls_handshake_type_name (unknown[i]));
      g_assert_null (hl_tls_handshake_type_title (unknown[i]));
    }
  /* The header's enum agrees with the table. */
  g_assert_cmpstr (hl_tls_handshake_type_name (HL_HS_COMPRESSED_CERTIFICATE), ==, "compressed_certificate");
  g_assert_cmpstr (hl_tls_handshake_type_name (HL_HS_MESSAGE_HASH), ==, "message_hash");
  g_assert_cmpstr (hl_tls_handshake_type_name (HL_HS_CERTIFICATE_URL), ==, "certificate_url");
}

static void
test_alerts (void)
{
  static const struct { guint8 d; const char *name; } cases[] = {
    {   0, "close_notify" }, {  10, "unexpected_message" }, {  20, "bad_record_mac" },
    {  21, "decryption_failed" }, {  22, "record_overflow" }, {  30, "decompression_failure" },
    {  40, "handshake_failure" }, {  41, "no_certificate" }, {  42, "bad_certificate" },
    {  43, "unsupported_certificate" }, {  44, "certificate_revoked" },
    {  45, "certificate_expired" }, {  46, "certificate_unknown" }, {  47, "illegal_parameter" },
    {  48, "unknown_ca" }, {  49, "access_denied" }, {  50, "decode_error" },
    {  51, "decrypt_error" }, {  60, "export_restriction" }, {  70, "protocol_version" },
    {  71, "insufficient_security" }, {  80, "internal_error" }, {  86, "inappropriate_fallback" },
    {  90, "user_canceled" }, { 100, "no_renegotiation" }, { 109, "missing_extension" },
    { 110, "unsupported_extension" }, { 111, "certificate_unobtainable" },
    { 112, "unrecognized_name" }, { 113, "bad_certificate_status_response" },
    { 114, "bad_certificate_hash_value" }, { 115, "unknown_psk_identity" },
    { 116, "certificate_required" }, { 117, "general_error" },
    { 120, "no_application_protocol" }, { 121, "ech_required" },
  };
  static const guint8 unknown[] = { 1, 2, 9, 11, 52, 87, 101, 108, 118, 119, 122, 255 };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    g_assert_cmpstr (hl_tls_alert_name (cases[i].d), ==, cases[i].name);
  for (guint i = 0; i < G_N_ELEMENTS (unknown); i++)
    g_assert_null (hl_tls_alert_name (unknown[i]));
}

static void
test_extensions (void)
{
  static const struct { guint16 t; const char *name; } cases[] = {
    { 0, "server_name" }, { 1, "max_fragment_length" }, { 5, "status_request" },
    { 10, "supported_groups" }, { 11, "ec_point_formats" }, { 13, "signature_algorithms" },
    { 14, "use_srtp" }, { 15, "heartbeat" }, { 16, "application_layer_protocol_negotiation" },
    { 18, "signed_certificate_timestamp" }, { 21, "padding" }, { 22, "encrypt_then_mac" },
    { 23, "extended_master_secret" }, { 27, "compress_certificate" }, { 28, "record_size_limit" },
    { 34, "delegated_credential" }, { 35, "session_ticket" }, { 41, "pre_shared_key" },
    { 42, "early_data" }, { 43, "supported_versions" }, { 44, "cookie" },
    { 45, "psk_key_exchange_modes" }, { 47, "certificate_authorities" }, { 48, "oid_filters" },
    { 49, "post_handshake_auth" }, { 50, "signature_algorithms_cert" }, { 51, "key_share" },
    { 54, "connection_id" }, { 57, "quic_transport_parameters" }, { 59, "dnssec_chain" },
    { 13172, "next_protocol_negotiation" }, { 17513, "application_settings" },
    { 0xfd00, "ech_outer_extensions" }, { 0xfe0d, "encrypted_client_hello" },
    { 0xff01, "renegotiation_info" },
  };
  static const guint16 unknown[] = { 40, 46, 63, 0x00ff, 0x0a0a, 0x2a2a, 0xfe0c, 0xff00, 0xff02, 0xffff };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    g_assert_cmpstr (hl_tls_extension_name (cases[i].t), ==, cases[i].name);
  for (guint i = 0; i < G_N_ELEMENTS (unknown); i++)
    g_assert_null (hl_tls_extension_name (unknown[i]));
}

static void
test_groups (void)
{
  static const struct { guint16 g; const char *name; } cases[] = {
    { 0x0001, "sect163k1" }, { 0x0017, "secp256r1" }, { 0x0018, "secp384r1" },
    { 0x0019, "secp521r1" }, { 0x001a, "brainpoolP256r1" }, { 0x001c, "brainpoolP512r1" },
    { 0x001d, "x25519" }, { 0x001e, "x448" }, { 0x001f, "brainpoolP256r1tls13" },
    { 0x0029, "curveSM2" }, { 0x0100, "ffdhe2048" }, { 0x0104, "ffdhe8192" },
    { 0x0200, "MLKEM512" }, { 0x0201, "MLKEM768" }, { 0x0202, "MLKEM1024" },
    { 0x11eb, "SecP256r1MLKEM768" }, { 0x11ec, "X25519MLKEM768" },
    { 0x11ed, "SecP384r1MLKEM1024" }, { 0x6399, "X25519Kyber768Draft00" },
    { 0xff01, "arbitrary_explicit_prime_curves" },
  };
  static const guint16 unknown[] = { 0x0000, 0x002a, 0x00ff, 0x0105, 0x0203, 0x0a0a, 0x11ea, 0x11ee, 0xff03 };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    g_assert_cmpstr (hl_tls_group_name (cases[i].g), ==, cases[i].name);
  for (guint i = 0; i < G_N_ELEMENTS (unknown); i++)
    g_assert_null (hl_tls_group_name (unknown[i]));
}

static void
test_sigalgs (void)
{
  static const struct { guint16 s; const char *name; } cases[] = {
    { 0x0201, "rsa_pkcs1_sha1" }, { 0x0203, "ecdsa_sha1" }, { 0x0202, "dsa_sha1" },
    { 0x0401, "rsa_pkcs1_sha256" }, { 0x0403, "ecdsa_secp256r1_sha256" },
    { 0x0501, "rsa_pkcs1_sha384" }, { 0x0503, "ecdsa_secp384r1_sha384" },
    { 0x0601, "rsa_pkcs1_sha512" }, { 0x0603, "ecdsa_secp521r1_sha512" },
    { 0x0708, "sm2sig_sm3" }, { 0x0804, "rsa_pss_rsae_sha256" },
    { 0x0805, "rsa_pss_rsae_sha384" }, { 0x0806, "rsa_pss_rsae_sha512" },
    { 0x0807, "ed25519" }, { 0x0808, "ed448" }, { 0x0809, "rsa_pss_pss_sha256" },
    { 0x080b, "rsa_pss_pss_sha512" }, { 0x081a, "ecdsa_brainpoolP256r1tls13_sha256" },
    { 0x0905, "mldsa65" },
  };
  static const guint16 unknown[] = { 0x0000, 0x0200, 0x0204, 0x0800, 0x080c, 0x0a0a, 0xffff };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    g_assert_cmpstr (hl_tls_sigalg_name (cases[i].s), ==, cases[i].name);
  for (guint i = 0; i < G_N_ELEMENTS (unknown); i++)
    g_assert_null (hl_tls_sigalg_name (unknown[i]));
}

static void
test_content_types (void)
{
  g_assert_cmpstr (hl_tls_content_type_name (HL_TLS_CT_CHANGE_CIPHER_SPEC), ==, "change_cipher_spec");
  g_assert_cmpstr (hl_tls_content_type_name (HL_TLS_CT_ALERT), ==, "alert");
  g_assert_cmpstr (hl_tls_content_type_name (HL_TLS_CT_HANDSHAKE), ==, "handshake");
  g_assert_cmpstr (hl_tls_content_type_name (HL_TLS_CT_APPLICATION_DATA), ==, "application_data");
  g_assert_cmpstr (hl_tls_content_type_name (HL_TLS_CT_HEARTBEAT), ==, "heartbeat");
  g_assert_cmpstr (hl_tls_content_type_name (25), ==, "tls12_cid");
  g_assert_null (hl_tls_content_type_name (19));
  g_assert_null (hl_tls_content_type_name (27));
  g_assert_null (hl_tls_content_type_name (0));
  g_assert_null (hl_tls_content_type_name (255));
}

static void
test_grease (void)
{
  static const guint16 grease[] = {
    0x0a0a, 0x1a1a, 0x2a2a, 0x3a3a, 0x4a4a, 0x5a5a, 0x6a6a, 0x7a7a,
    0x8a8a, 0x9a9a, 0xaaaa, 0xbaba, 0xcaca, 0xdada, 0xeaea, 0xfafa,
  };
  guint count = 0;

  for (guint i = 0; i < G_N_ELEMENTS (grease); i++)
    g_assert_true (hl_tls_is_grease (grease[i]));
  for (guint v = 0; v <= 0xffff; v++)
    count += hl_tls_is_grease ((guint16) v) ? 1 : 0;
  g_assert_cmpuint (count, ==, 16);
  g_assert_false (hl_tls_is_grease (0x0000));
  g_assert_false (hl_tls_is_grease (0x0a1a));
  g_assert_false (hl_tls_is_grease (0x0b0b));
  g_assert_false (hl_tls_is_grease (0xaaab));
  g_assert_false (hl_tls_is_grease (0x1301));
}

static void
test_weak (void)
{
  static const struct { guint16 id; guint why; } weak[] = {
    { 0x0000, HL_TLS_WEAK_NULL },
    { 0x0001, HL_TLS_WEAK_NULL | HL_TLS_WEAK_MD5 },
    { 0x0002, HL_TLS_WEAK_NULL },
    { 0x0003, HL_TLS_WEAK_EXPORT | HL_TLS_WEAK_RC4 | HL_TLS_WEAK_MD5 },
    { 0x0004, HL_TLS_WEAK_RC4 | HL_TLS_WEAK_MD5 },
    { 0x0005, HL_TLS_WEAK_RC4 },
    { 0x0006, HL_TLS_WEAK_EXPORT | HL_TLS_WEAK_RC2 | HL_TLS_WEAK_MD5 },
    { 0x0007, HL_TLS_WEAK_IDEA },
    { 0x0008, HL_TLS_WEAK_EXPORT | HL_TLS_WEAK_DES },
    { 0x0009, HL_TLS_WEAK_DES },
    { 0x000a, HL_TLS_WEAK_3DES },
    { 0x0018, HL_TLS_WEAK_ANON | HL_TLS_WEAK_RC4 | HL_TLS_WEAK_MD5 },
    { 0x0022, HL_TLS_WEAK_DES | HL_TLS_WEAK_MD5 },
    { 0x0026, HL_TLS_WEAK_EXPORT | HL_TLS_WEAK_DES },
    { 0x0034, HL_TLS_WEAK_ANON },
    { 0x00a6, HL_TLS_WEAK_ANON },
    { 0x00b0, HL_TLS_WEAK_NULL },
    { 0xc006, HL_TLS_WEAK_NULL },
    { 0xc010, HL_TLS_WEAK_NULL },   /* ECDHE-RSA-NULL-SHA, in the corpus */
    { 0xc012, HL_TLS_WEAK_3DES },
    { 0xc018, HL_TLS_WEAK_ANON },   /* AECDH-AES128-SHA, in the corpus */
    { 0xc03b, HL_TLS_WEAK_NULL },
    { 0xc0b4, HL_TLS_WEAK_NULL },
    { 0xfefe, HL_TLS_WEAK_DES },
  };
  static const guint16 strong[] = {
    0x002f, 0x0035, 0x009c, 0x009e, 0x00c6, 0x1301, 0x1302, 0x1303, 0x1304,
    0x1305, 0xc013, 0xc027, 0xc02b, 0xc030, 0xc0ac, 0xcca8, 0xd001,
    /* not suites at all */
    0x00ff, 0x5600, 0x0a0a, 0xffff, 0x1308,
  };

  for (guint i = 0; i < G_N_ELEMENTS (weak); i++)
    {
      g_test_message ("suite 0x%04x", weak[i].id);
      g_assert_true (hl_tls_cipher_suite_is_weak (weak[i].id));
      g_assert_cmphex (hl_tls_cipher_suite_weakness (weak[i].id), ==, weak[i].why);
    }
  for (guint i = 0; i < G_N_ELEMENTS (strong); i++)
    {
      g_test_message ("suite 0x%04x", strong[i]);
      g_assert_false (hl_tls_cipher_suite_is_weak (strong[i]));
      g_assert_cmphex (hl_tls_cipher_suite_weakness (strong[i]), ==, 0);
    }
}

/* Every suite whose name says it is weak is flagged, and no other. */
static void
test_weak_matches_names (void)
{
  g_autoptr(GRegex) re = g_regex_new ("_WITH_NULL|_anon_|EXPORT|RC4|_DES|3DES|IDEA|RC2|_MD5$|^TLS_SHA(256|384)_SHA",
                                      0, 0, NULL);
  const char *name;
  guint16 id;
  guint n_weak = 0;

  for (gsize i = 0; (name = hl_tls_table_entry (HL_TLS_TABLE_CIPHER_SUITE, i, &id)); i++)
    {
      gboolean looks_weak = g_regex_match (re, name, 0, NULL);

      g_test_message ("%s", name);
      g_assert_cmpint (hl_tls_cipher_suite_is_weak (id), ==, looks_weak);
      n_weak += looks_weak;
    }
  g_assert_cmpuint (n_weak, >, 100);
}

static void
test_tables_sorted (void)
{
  static const gsize min_size[HL_TLS_N_TABLES] = {
    [HL_TLS_TABLE_VERSION] = 6, [HL_TLS_TABLE_CIPHER_SUITE] = 352,
    [HL_TLS_TABLE_HANDSHAKE_TYPE] = 25, [HL_TLS_TABLE_ALERT] = 36,
    [HL_TLS_TABLE_EXTENSION] = 60, [HL_TLS_TABLE_GROUP] = 50,
    [HL_TLS_TABLE_SIGALG] = 30, [HL_TLS_TABLE_CONTENT_TYPE] = 5,
  };

  for (int t = 0; t < HL_TLS_N_TABLES; t++)
    {
      const char *name;
      guint16 value;
      gint prev = -1;
      gsize n;

      for (n = 0; (name = hl_tls_table_entry (t, n, &value)); n++)
        {
          g_test_message ("table %d entry %" G_GSIZE_FORMAT ": 0x%04x %s", t, n, value, name);
          /* Strictly ascending: sorted and no duplicate keys. */
          g_assert_cmpint ((gint) value, >, prev);
          prev = value;
          g_assert_cmpuint (strlen (name), >, 0);
          if (t != HL_TLS_TABLE_VERSION)
            g_assert_null (strchr (name, ' '));
          /* Lookups find every entry; GREASE never has a name. */
          g_assert_false (hl_tls_is_grease (value));
        }
      g_assert_cmpuint (n, >=, min_size[t]);
    }
  g_assert_null (hl_tls_table_entry (HL_TLS_N_TABLES, 0, NULL));
}

static void
test_tables_lookup_roundtrip (void)
{
  const char *name;
  guint16 v;

#define ROUNDTRIP(table, fn) \
  for (gsize i = 0; (name = hl_tls_table_entry (table, i, &v)); i++) \
    g_assert_true (fn (v) == name)

  ROUNDTRIP (HL_TLS_TABLE_VERSION, hl_tls_version_name);
  ROUNDTRIP (HL_TLS_TABLE_CIPHER_SUITE, hl_tls_cipher_suite_name);
  ROUNDTRIP (HL_TLS_TABLE_HANDSHAKE_TYPE, hl_tls_handshake_type_name);
  ROUNDTRIP (HL_TLS_TABLE_ALERT, hl_tls_alert_name);
  ROUNDTRIP (HL_TLS_TABLE_EXTENSION, hl_tls_extension_name);
  ROUNDTRIP (HL_TLS_TABLE_GROUP, hl_tls_group_name);
  ROUNDTRIP (HL_TLS_TABLE_SIGALG, hl_tls_sigalg_name);
  ROUNDTRIP (HL_TLS_TABLE_CONTENT_TYPE, hl_tls_content_type_name);
#undef ROUNDTRIP

  /* Handshake and alert lookups take a guint8: nothing above 255 in them. */
  for (gsize i = 0; hl_tls_table_entry (HL_TLS_TABLE_ALERT, i, &v); i++)
    g_assert_cmpuint (v, <=, 255);
  for (gsize i = 0; hl_tls_table_entry (HL_TLS_TABLE_HANDSHAKE_TYPE, i, &v); i++)
    g_assert_cmpuint (v, <=, 255);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/tls-names/versions", test_versions);
  g_test_add_func ("/tls-names/versions-threads", test_versions_threads);
  g_test_add_func ("/tls-names/cipher-suites", test_cipher_suites);
  g_test_add_func ("/tls-names/handshake-types", test_handshake_types);
  g_test_add_func ("/tls-names/alerts", test_alerts);
  g_test_add_func ("/tls-names/extensions", test_extensions);
  g_test_add_func ("/tls-names/groups", test_groups);
  g_test_add_func ("/tls-names/sigalgs", test_sigalgs);
  g_test_add_func ("/tls-names/content-types", test_content_types);
  g_test_add_func ("/tls-names/grease", test_grease);
  g_test_add_func ("/tls-names/weak", test_weak);
  g_test_add_func ("/tls-names/weak-matches-names", test_weak_matches_names);
  g_test_add_func ("/tls-names/tables-sorted", test_tables_sorted);
  g_test_add_func ("/tls-names/tables-roundtrip", test_tables_lookup_roundtrip);
  return g_test_run ();
}
