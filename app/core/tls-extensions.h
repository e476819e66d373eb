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

typedef struct {
  HlTlsExtWhere      where;
  HlClientHelloInfo *client_hello;    /* CLIENT_HELLO: filled when set */
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
