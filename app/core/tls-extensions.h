/* tls-extensions.h: TLS extension blocks (RFC 8446 4.2 and friends).
 *
 * Reads an extensions block with the bounded reader, adds one field per
 * extension (type, length and the parsed body for the extensions that
 * matter) and fills the hello summaries of connection.h.
 */
#pragma once
#include <glib.h>
#include "connection.h"
#include "field.h"
#include "reader.h"

G_BEGIN_DECLS

typedef enum {
  HL_TLS_EXT_IN_CLIENT_HELLO,
  HL_TLS_EXT_IN_SERVER_HELLO,
  HL_TLS_EXT_IN_HELLO_RETRY_REQUEST,
  HL_TLS_EXT_IN_ENCRYPTED_EXTENSIONS,
  HL_TLS_EXT_IN_CERTIFICATE,
  HL_TLS_EXT_IN_CERTIFICATE_REQUEST,
  HL_TLS_EXT_IN_NEW_SESSION_TICKET,
} HlTlsExtWhere;

/* The lists of a hello while it is parsed.  They collect here, on the
 * parser's stack (the heap only for lists longer than HL_TLS_INLINE_CODES),
 * so that the summary is then one allocation of the exact size
 * (hl_tls_hello_lists_finish_*) instead of one per list and per string. */
#define HL_TLS_INLINE_CODES 64
#define HL_TLS_INLINE_STRINGS 8

typedef struct {
  guint16 *data;       /* inline_data, or the heap when that was too small */
  guint    len, cap;
  guint16  inline_data[HL_TLS_INLINE_CODES];
} HlTlsCodes;

/* Bytes of the message, made printable when the summary is built. */
typedef struct {
  const guint8 *bytes;
  gsize         len;
} HlTlsWireString;

typedef struct {
  HlTlsCodes       supported_versions, cipher_suites, extensions, supported_groups,
                   key_share_groups, signature_algorithms;
  HlTlsCodes       compression_methods;   /* 8-bit values */
  HlTlsWireString *alpn;     /* alpn_inline, or the heap */
  guint            n_alpn, alpn_cap;
  HlTlsWireString  alpn_inline[HL_TLS_INLINE_STRINGS];
  gboolean         has_sni;
  HlTlsWireString  sni;      /* the first host_name */
} HlTlsHelloLists;

void     hl_tls_hello_lists_init    (HlTlsHelloLists *l);
/* Room for n more values in one step (n is bounded by the bytes they are
 * read from). */
void     hl_tls_codes_reserve       (HlTlsCodes *c, guint n);
void     hl_tls_codes_append        (HlTlsCodes *c, guint16 v);
/* The summaries, in one allocation each: fixed has every member but the
 * lists (and sni).  Both release l's heap parts; l must not be used after. */
HlClientHelloInfo *hl_tls_hello_lists_finish_client (HlTlsHelloLists *l, const HlClientHelloInfo *fixed);
HlServerHelloInfo *hl_tls_hello_lists_finish_server (HlTlsHelloLists *l, const HlServerHelloInfo *fixed);

typedef struct {
  HlTlsExtWhere      where;
  HlTlsHelloLists   *lists;           /* CLIENT_HELLO: its lists; SERVER_HELLO, HRR: the
                                         extension types; filled when set */
  HlClientHelloInfo *client_hello;    /* CLIENT_HELLO: filled when set (not the lists) */
  HlServerHelloInfo *server_hello;    /* SERVER_HELLO, HRR, ENCRYPTED_EXTENSIONS: filled when set */
  /* results for the other places */
  gboolean           early_data;      /* early_data present */
  guint32            max_early_data;  /* NewSessionTicket early_data value */
  char              *alpn;            /* first protocol of a server ALPN (owned; moved
                                         to server_hello->alpn when that is set) */
  guint32            ticket_offset;   /* ClientHello session_ticket data, from the */
  guint32            ticket_length;   /* reader's base; 0 length if empty or absent */
} HlTlsExtensions;

void     hl_tls_extensions_init  (HlTlsExtensions *ext, HlTlsExtWhere where);
void     hl_tls_extensions_clear (HlTlsExtensions *ext);
/* Reads `uint16 length; Extension list[length]` from r and adds an
 * "extensions" field under parent.  Returns FALSE (with r failed and the
 * fields read so far kept) when the block is malformed. */
gboolean hl_tls_extensions_parse (HlTlsExtensions *ext, HlReader *r, HlField *parent);

G_END_DECLS
