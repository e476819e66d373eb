/* tls-names.h: IANA / RFC names for TLS code points (tables, not switches). */
#pragma once
#include <glib.h>

G_BEGIN_DECLS

enum {
  HL_TLS_CT_CHANGE_CIPHER_SPEC = 20, HL_TLS_CT_ALERT = 21, HL_TLS_CT_HANDSHAKE = 22,
  HL_TLS_CT_APPLICATION_DATA = 23, HL_TLS_CT_HEARTBEAT = 24,
};

enum {
  HL_HS_HELLO_REQUEST = 0, HL_HS_CLIENT_HELLO = 1, HL_HS_SERVER_HELLO = 2,
  HL_HS_HELLO_VERIFY_REQUEST = 3, HL_HS_NEW_SESSION_TICKET = 4, HL_HS_END_OF_EARLY_DATA = 5,
  HL_HS_HELLO_RETRY_REQUEST = 6, /* draft only; the report uses it for HRR ServerHellos */
  HL_HS_ENCRYPTED_EXTENSIONS = 8, HL_HS_CERTIFICATE = 11, HL_HS_SERVER_KEY_EXCHANGE = 12,
  HL_HS_CERTIFICATE_REQUEST = 13, HL_HS_SERVER_HELLO_DONE = 14, HL_HS_CERTIFICATE_VERIFY = 15,
  HL_HS_CLIENT_KEY_EXCHANGE = 16, HL_HS_FINISHED = 20, HL_HS_CERTIFICATE_URL = 21,
  HL_HS_CERTIFICATE_STATUS = 22, HL_HS_SUPPLEMENTAL_DATA = 23, HL_HS_KEY_UPDATE = 24,
  HL_HS_COMPRESSED_CERTIFICATE = 25, HL_HS_MESSAGE_HASH = 254,
};

/* "TLS 1.3", "TLS 1.2", ..., "SSL 3.0", "DTLS 1.2"; drafts and unknown
 * values as lowercase hex ("0x7f1c").  Never NULL; the string stays valid for
 * the life of the process (static, or interned). */
const char *hl_tls_version_name        (guint16 version);
/* IANA name ("TLS_AES_128_GCM_SHA256"), NULL if unknown. */
const char *hl_tls_cipher_suite_name   (guint16 id);
/* snake_case RFC name ("client_hello"), NULL if unknown. */
const char *hl_tls_handshake_type_name (guint8 type);
/* "ClientHello" style title, NULL if unknown. */
const char *hl_tls_handshake_type_title (guint8 type);
const char *hl_tls_alert_name          (guint8 description);   /* "handshake_failure" */
const char *hl_tls_extension_name      (guint16 type);         /* "server_name" */
const char *hl_tls_group_name          (guint16 group);        /* "x25519" */
const char *hl_tls_sigalg_name         (guint16 scheme);       /* "rsa_pss_rsae_sha256" */
const char *hl_tls_content_type_name   (guint8 type);          /* "handshake" */
/* TRUE for GREASE values (RFC 8701). The name lookups return NULL for them. */
gboolean    hl_tls_is_grease           (guint16 value);
/* Weak suite (export, NULL, anon, RC4, DES, 3DES, MD5): used by diagnoses. */
gboolean    hl_tls_cipher_suite_is_weak (guint16 id);

/* Why a suite is weak (0 when it is not, or unknown). */
typedef enum {
  HL_TLS_WEAK_NULL   = 1 << 0,   /* no encryption */
  HL_TLS_WEAK_ANON   = 1 << 1,   /* no server authentication (DH_anon, ECDH_anon) */
  HL_TLS_WEAK_EXPORT = 1 << 2,   /* export-grade (40/56-bit) */
  HL_TLS_WEAK_RC4    = 1 << 3,
  HL_TLS_WEAK_DES    = 1 << 4,   /* single DES, DES40 */
  HL_TLS_WEAK_3DES   = 1 << 5,
  HL_TLS_WEAK_IDEA   = 1 << 6,
  HL_TLS_WEAK_RC2    = 1 << 7,
  HL_TLS_WEAK_MD5    = 1 << 8,   /* HMAC-MD5 record MAC */
} HlTlsWeakness;
guint       hl_tls_cipher_suite_weakness (guint16 id);

/* The tables behind the lookups, in ascending value order: entry `index`'s
 * name (and its value in *value), or NULL past the end.  For tests and UIs
 * that list every known value. */
typedef enum {
  HL_TLS_TABLE_VERSION,
  HL_TLS_TABLE_CIPHER_SUITE,
  HL_TLS_TABLE_HANDSHAKE_TYPE,
  HL_TLS_TABLE_ALERT,
  HL_TLS_TABLE_EXTENSION,
  HL_TLS_TABLE_GROUP,
  HL_TLS_TABLE_SIGALG,
  HL_TLS_TABLE_CONTENT_TYPE,
  HL_TLS_N_TABLES,
} HlTlsTable;
const char *hl_tls_table_entry (HlTlsTable table, gsize index, guint16 *value);

G_END_DECLS
