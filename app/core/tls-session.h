/* tls-session.h: the application-layer parser of one connection.
 *
 * Gets each direction's in-order bytes from the TCP tracker and turns them
 * into timeline events on the HlConnection: plaintext preamble steps
 * (STARTTLS in SMTP/IMAP/POP3/FTP/XMPP/LDAP, PostgreSQL SSLRequest, HTTP
 * CONNECT), TLS records (also SSLv2-compatible ClientHello), handshake
 * messages reassembled across records and records across segments, CCS,
 * alerts, app-data summaries; fills conn->tls (ClientHello/ServerHello info,
 * certificates, version, cipher) and decrypts through HlTlsCrypto when keys
 * are known.  Detects TLS by content on any port.  Non-TLS streams get one
 * PLAINTEXT event with their first bytes per direction and are then only
 * counted.  Never reads a byte without the bounded reader; malformed input
 * adds a note to the connection and parsing goes on where it can.
 *
 * If the connection has no SYN (conn->started_late) and the first ClientHello
 * arrives in the s2c direction, the session swaps roles
 * (hl_connection_swap_roles) and sets client_inferred.
 */
#pragma once
#include <glib.h>
#include "connection.h"
#include "keylog.h"

G_BEGIN_DECLS

typedef struct _HlTlsSession HlTlsSession;

HlTlsSession *hl_tls_session_new    (HlConnection *conn, HlKeylog *keylog /* nullable */);
void          hl_tls_session_free   (HlTlsSession *s);
void          hl_tls_session_feed   (HlTlsSession *s, HlDirection dir, const guint8 *data, gsize len,
                                     guint64 frame, gint64 ts_ns);
void          hl_tls_session_gap    (HlTlsSession *s, HlDirection dir, guint64 bytes, guint64 frame);
/* End of the connection: report partial messages, settle conn->tls->keylog. */
void          hl_tls_session_finish (HlTlsSession *s);

G_END_DECLS
