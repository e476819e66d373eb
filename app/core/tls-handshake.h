/* tls-handshake.h: one TLS handshake message, parsed.
 *
 * Parses a whole message (4-byte header + body, as reassembled by the TLS
 * session) with the bounded reader into a field tree whose offsets are
 * relative to the message's first byte, plus the facts the session needs
 * (hello summaries, certificates, where the Finished verify_data or the RSA
 * encrypted pre-master sit).  A malformed message keeps the fields read so
 * far and says what and where (error, error_offset).  Parsing never
 * allocates more than the message's size plus capped certificate parsing.
 */
#pragma once
#include <glib.h>
#include "connection.h"
#include "field.h"

G_BEGIN_DECLS

#define HL_TLS_HRR_RANDOM \
  "\xcf\x21\xad\x74\xe5\x9a\x61\x11\xbe\x1d\x8c\x02\x1e\x65\xb8\x91" \
  "\xc2\xa2\x11\x16\x7a\xbb\x8c\x5e\x07\x9e\x09\xe2\xc8\xa8\x33\x9c"

/* Certificates in one message past this many are listed, not parsed. */
#define HL_TLS_MAX_CERTIFICATES 16
/* A certificate larger than this is listed, not parsed. */
#define HL_TLS_MAX_CERTIFICATE_SIZE (64 * 1024)

typedef enum {
  HL_TLS_KEX_UNKNOWN,
  HL_TLS_KEX_RSA,
  HL_TLS_KEX_DHE,
  HL_TLS_KEX_ECDHE,
} HlTlsKex;

typedef struct {
  HlDirection dir;
  guint16     version;   /* negotiated so far (0 = unknown) */
  gboolean    tls13;     /* TLS 1.3 message formats (also drafts) */
  HlTlsKex    kex;       /* ClientKeyExchange: what the ServerKeyExchange was
                            (RSA when there was none) */
} HlTlsHandshakeContext;

typedef struct _HlTlsHandshake HlTlsHandshake;
struct _HlTlsHandshake {
  guint8       type;
  guint32      length;             /* body length from the header */
  gboolean     hrr;                /* a ServerHello with the HRR random */
  gboolean     ssl2_format;        /* SSLv2-compatible ClientHello */
  HlField     *fields;             /* owned; steal it (set to NULL) to keep it */
  const char  *error;              /* static: what was malformed, NULL if nothing */
  gsize        error_offset;       /* where, from the message's first byte */

  HlClientHelloInfo *client_hello; /* ClientHello; owned, steal to keep */
  HlServerHelloInfo *server_hello; /* ServerHello/HRR; EncryptedExtensions with an ALPN
                                      (only alpn set there); owned */
  GPtrArray   *certificates;       /* Certificate: HlCertificate*, owned */
  guint        n_certificates;     /* entries in the message (more than parsed over the caps) */
  gboolean     certificates_capped;
  gboolean     early_data;         /* EncryptedExtensions / NewSessionTicket early_data */
  HlTlsKex     kex;                /* ServerKeyExchange: its form */
  guint32      data_offset;        /* Finished: verify_data; ClientKeyExchange (RSA): the */
  guint32      data_length;        /* encrypted pre-master; NewSessionTicket and ClientHello:
                                      the ticket; 0 length if none */
  int          key_update_request; /* KeyUpdate: 0 or 1; -1 otherwise */
};

/* msg: header + body.  len may exceed 4 + length only by mistake (the rest
 * is reported as malformed). */
HlTlsHandshake *hl_tls_handshake_parse (const guint8 *msg, gsize len, const HlTlsHandshakeContext *ctx);
/* An SSLv2-compatible ClientHello (RFC 5246 E.2): body = the SSLv2 record
 * body, from msg_type on. */
HlTlsHandshake *hl_tls_handshake_parse_ssl2_client_hello (const guint8 *body, gsize len);
void            hl_tls_handshake_free  (HlTlsHandshake *hs);

/* "client_hello", ...; NULL if unknown (names from tls-names). */
const char     *hl_tls_handshake_name  (guint8 type, gboolean hrr);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (HlTlsHandshake, hl_tls_handshake_free)

G_END_DECLS
