/* starttls.h: plaintext preambles that precede TLS on one connection.
 *
 * Recognises the opening bytes of protocols that upgrade to TLS in-band
 * (SMTP, IMAP, POP3, FTP, XMPP, LDAP StartTLS, PostgreSQL SSLRequest, MySQL
 * SSL request, HTTP CONNECT), splits each direction's preamble into steps
 * (a reply with its continuation lines, a command, a BER message, ...) and
 * reports the client's request and the server's go-ahead.  After the
 * go-ahead, the bytes that follow in both directions are TLS.
 *
 * The HlStarttls object only interprets bytes; the TLS session owns the
 * buffers and turns each step into a PLAINTEXT event.
 */
#pragma once
#include <glib.h>
#include "event.h"

G_BEGIN_DECLS

typedef enum {
  HL_STARTTLS_UNKNOWN,
  HL_STARTTLS_SMTP,
  HL_STARTTLS_IMAP,
  HL_STARTTLS_POP3,
  HL_STARTTLS_FTP,
  HL_STARTTLS_XMPP,
  HL_STARTTLS_LDAP,
  HL_STARTTLS_POSTGRES,
  HL_STARTTLS_MYSQL,
  HL_STARTTLS_HTTP_CONNECT,
  HL_STARTTLS_SMTP_OR_FTP,   /* "220" greeting: the client's command decides */
} HlStarttlsProto;

typedef enum {
  HL_STARTTLS_NO_MATCH,      /* not the start of a known preamble */
  HL_STARTTLS_NEED_MORE,     /* could be one: more bytes needed */
  HL_STARTTLS_MATCH,
} HlStarttlsMatch;

typedef enum {
  HL_STARTTLS_STEP_PLAIN,    /* an ordinary preamble step */
  HL_STARTTLS_STEP_REQUEST,  /* the client asked for TLS */
  HL_STARTTLS_STEP_GO_AHEAD, /* TLS follows in both directions */
  HL_STARTTLS_STEP_REFUSED,  /* the server said no */
} HlStarttlsSignal;

typedef struct _HlStarttls HlStarttls;

HlStarttls     *hl_starttls_new       (void);
void            hl_starttls_free      (HlStarttls *st);
HlStarttlsProto hl_starttls_get_proto (HlStarttls *st);
/* "smtp", "imap", "pop3", "ftp", "xmpp", "ldap", "postgres", "mysql",
 * "http-connect"; NULL while unknown. */
const char     *hl_starttls_proto_name (HlStarttlsProto proto);

/* Looks at the first bytes of a direction.  On MATCH the protocol is
 * remembered; later steps in both directions are read as that protocol. */
HlStarttlsMatch hl_starttls_classify  (HlStarttls *st, HlDirection dir,
                                       const guint8 *data, gsize len);

/* Splits the next step off the front of data (the direction's buffered
 * preamble bytes).  Returns its length, or 0 when the step is incomplete
 * (at_end: the stream ended, take what there is).  *text gets the step as
 * printable text (free it), *signal what the step means. */
gsize           hl_starttls_next_step (HlStarttls *st, HlDirection dir,
                                       const guint8 *data, gsize len, gboolean at_end,
                                       char **text, HlStarttlsSignal *signal);

/* Bytes as printable text: ASCII printable kept, line breaks between lines
 * become "\n" (a final line break is dropped, CR is dropped), other bytes
 * become \xNN; at most max_chars characters, then "…". */
char           *hl_starttls_escape    (const guint8 *data, gsize len, gsize max_chars);

G_END_DECLS
