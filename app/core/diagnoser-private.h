/* diagnoser-private.h: what diagnoser.c (flow, TCP, stalls) and
 * diagnoser-rules.c (alerts, certificates, information) share. */
#pragma once
#include <glib.h>
#include "diagnoser.h"

G_BEGIN_DECLS

/* Translatable formats use %llu / %lld (xgettext cannot see through
 * G_GUINT64_FORMAT inside a msgid); these cast the arguments to match. */
#define HL_ULL(x) ((unsigned long long) (x))
#define HL_LL(x)  ((long long) (x))

/* Alert descriptions (RFC 8446 section 6, RFC 5246 section 7.2). */
enum {
  HL_ALERT_CLOSE_NOTIFY = 0, HL_ALERT_UNEXPECTED_MESSAGE = 10, HL_ALERT_BAD_RECORD_MAC = 20,
  HL_ALERT_DECRYPTION_FAILED = 21, HL_ALERT_RECORD_OVERFLOW = 22,
  HL_ALERT_HANDSHAKE_FAILURE = 40, HL_ALERT_NO_CERTIFICATE = 41, HL_ALERT_BAD_CERTIFICATE = 42,
  HL_ALERT_UNSUPPORTED_CERTIFICATE = 43, HL_ALERT_CERTIFICATE_REVOKED = 44,
  HL_ALERT_CERTIFICATE_EXPIRED = 45, HL_ALERT_CERTIFICATE_UNKNOWN = 46,
  HL_ALERT_ILLEGAL_PARAMETER = 47, HL_ALERT_UNKNOWN_CA = 48, HL_ALERT_ACCESS_DENIED = 49,
  HL_ALERT_DECODE_ERROR = 50, HL_ALERT_DECRYPT_ERROR = 51, HL_ALERT_PROTOCOL_VERSION = 70,
  HL_ALERT_INSUFFICIENT_SECURITY = 71, HL_ALERT_INTERNAL_ERROR = 80,
  HL_ALERT_INAPPROPRIATE_FALLBACK = 86, HL_ALERT_USER_CANCELED = 90,
  HL_ALERT_NO_RENEGOTIATION = 100, HL_ALERT_MISSING_EXTENSION = 109,
  HL_ALERT_UNSUPPORTED_EXTENSION = 110, HL_ALERT_UNRECOGNIZED_NAME = 112,
  HL_ALERT_BAD_CERTIFICATE_STATUS_RESPONSE = 113, HL_ALERT_UNKNOWN_PSK_IDENTITY = 115,
  HL_ALERT_CERTIFICATE_REQUIRED = 116, HL_ALERT_NO_APPLICATION_PROTOCOL = 120,
};

/* Everything the rules need to know about one connection, found in one pass
 * over its timeline.  Event pointers are borrowed from conn->events. */
typedef struct {
  HlConnection            *conn;
  const HlDiagnoseOptions *opts;

  const HlEvent *first_syn, *last_syn, *syn_ack;
  const HlEvent *first_rst;                 /* either direction */
  const HlEvent *first_fin[2];              /* per direction */
  const HlEvent *plaintext[2];              /* first non-TLS payload per direction */
  const HlEvent *client_hello;              /* first ClientHello (or SSLv2 record) */
  const HlEvent *server_hello;              /* first ServerHello that is not an HRR */
  const HlEvent *hrr;
  const HlEvent *server_certificate;        /* server's first Certificate */
  const HlEvent *client_certificate;        /* client's first Certificate */
  const HlEvent *certificate_request;
  const HlEvent *first_server_tls;          /* first TLS event sent by the server */
  const HlEvent *first_alert;               /* first alert that ends the handshake or
                                               connection (fatal, or an error alert) */
  const HlEvent *app_data;                  /* first APP_DATA summary */
  guint          n_retrans_after_ch;        /* c2s retransmission events after the ClientHello */

  guint16        version;                   /* negotiated version, 0 unknown */
  gboolean       handshake_done;
  gboolean       encrypted_hidden;          /* part of the handshake could not be read */
  gint64         cert_check_ts;             /* seconds: the capture time certificates are checked at */
  gint64         end_ts_ns;                 /* last moment the capture saw anything */
} HlDiagContext;

/* Adds a diagnosis; summary and remedy are taken (g_free'd later). */
HlDiagnosis *hl_diag_add (HlDiagContext *ctx, const char *id, HlSeverity severity, HlBlame blame,
                          char *summary, char *remedy);
gboolean     hl_diag_has (HlDiagContext *ctx, const char *id);
gboolean     hl_diag_has_error (HlDiagContext *ctx);
void         hl_diag_add_event_frame (HlDiagnosis *d, const HlEvent *e);

/* Formatting: all return newly allocated, translated text. */
char *hl_diag_format_date     (gint64 unix_seconds);   /* "1 Mar 2026" */
char *hl_diag_format_duration (gint64 ns);             /* "180 ms", "3.0 s", "2 min 5 s" */
char *hl_diag_format_days     (gint64 seconds);        /* "30 days" */
char *hl_diag_format_versions (const HlClientHelloInfo *ch);   /* "TLS 1.3, TLS 1.2" */
char *hl_diag_format_ciphers  (const HlClientHelloInfo *ch, guint max);
char *hl_diag_format_groups   (const HlU16List *groups);
char *hl_diag_format_alpn     (const HlClientHelloInfo *ch);
char *hl_diag_format_cert_names (const HlCertificate *cert);
const char *hl_diag_alert_name  (guint8 description, char *buf, gsize len);
const char *hl_diag_side        (HlDirection dir);     /* translated "the client" / "the server" */
guint16     hl_diag_max_offered_version (const HlClientHelloInfo *ch);
gboolean    hl_diag_offered_version (const HlClientHelloInfo *ch, guint16 version);
gsize       hl_diag_encrypted_size (const HlEvent *e);
/* An undecryptable record small enough to be an alert. */
gboolean    hl_diag_alert_sized (const HlEvent *e);

/* Rules in diagnoser-rules.c.  The "failure" rules return TRUE when they
 * explained the end of the connection with an error. */
gboolean hl_diag_rule_alert            (HlDiagContext *ctx);
gboolean hl_diag_rule_client_silent_rejection (HlDiagContext *ctx, const HlEvent *close_event);
gboolean hl_diag_rule_hidden_tls13     (HlDiagContext *ctx);
void     hl_diag_rule_certificate_warnings (HlDiagContext *ctx);
void     hl_diag_rule_information      (HlDiagContext *ctx);

G_END_DECLS
