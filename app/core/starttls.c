/* starttls.c: plaintext preambles before TLS (see starttls.h). */
#include "starttls.h"

#include <string.h>

#include "i18n.h"
#include "reader.h"

/* A text step longer than this is cut there (a line without an end). */
#define MAX_STEP 4096
/* A binary preamble message longer than this is not a preamble. */
#define MAX_BINARY_STEP 65536

#define LDAP_STARTTLS_OID "1.3.6.1.4.1.1466.20037"

struct _HlStarttls {
  HlStarttlsProto proto;
  gboolean        requested;
  gboolean        pg_gssenc_pending;
  char            imap_tag[32];
};

HlStarttls *
hl_starttls_new (void)
{
  return g_new0 (HlStarttls, 1);
}

void
hl_starttls_free (HlStarttls *st)
{
  g_free (st);
}

HlStarttlsProto
hl_starttls_get_proto (HlStarttls *st)
{
  return st->proto;
}

const char *
hl_starttls_proto_name (HlStarttlsProto proto)
{
  static const char * const names[] = {
    [HL_STARTTLS_SMTP] = "smtp",
    [HL_STARTTLS_IMAP] = "imap",
    [HL_STARTTLS_POP3] = "pop3",
    [HL_STARTTLS_FTP] = "ftp",
    [HL_STARTTLS_XMPP] = "xmpp",
    [HL_STARTTLS_LDAP] = "ldap",
    [HL_STARTTLS_POSTGRES] = "postgres",
    [HL_STARTTLS_MYSQL] = "mysql",
    [HL_STARTTLS_HTTP_CONNECT] = "http-connect",
    [HL_STARTTLS_SMTP_OR_FTP] = "smtp",
  };
  if ((guint) proto < G_N_ELEMENTS (names))
    return names[proto];
  return NULL;
}

/* ---- text helpers -------------------------------------------------------- */

char *
hl_starttls_escape (const guint8 *data, gsize len, gsize max_chars)
{
  GString *s = g_string_new (NULL);
  gsize chars = 0;

  while (len > 0 && (data[len - 1] == '\n' || data[len - 1] == '\r'))
    len--;
  for (gsize i = 0; i < len; i++)
    {
      guint8 c = data[i];
      if (chars >= max_chars)
        {
          g_string_append (s, "…");
          break;
        }
      if (c == '\r' && i + 1 < len && data[i + 1] == '\n')
        continue;
      if (c == '\n')
        g_string_append_c (s, '\n');
      else if (c >= 0x20 && c < 0x7f)
        g_string_append_c (s, (char) c);
      else if (c == '\t')
        g_string_append (s, "\\t");
      else if (c == '\r')
        g_string_append (s, "\\r");
      else
        g_string_append_printf (s, "\\x%02x", c);
      chars++;
    }
  return g_string_free (s, FALSE);
}

/* Does data start with prefix (ASCII case-insensitive)? */
static gboolean
starts_with_ci (const guint8 *data, gsize len, const char *prefix)
{
  gsize n = strlen (prefix);
  return len >= n && g_ascii_strncasecmp ((const char *) data, prefix, n) == 0;
}

/* memmem over a bounded buffer. */
static const guint8 *
find_bytes (const guint8 *data, gsize len, const char *needle)
{
  gsize n = strlen (needle);
  if (n == 0 || len < n)
    return NULL;
  for (gsize i = 0; i + n <= len; i++)
    if (data[i] == (guint8) needle[0] && memcmp (data + i, needle, n) == 0)
      return data + i;
  return NULL;
}

static gboolean
is_digit (guint8 c)
{
  return c >= '0' && c <= '9';
}

/* "250-" / "250 " reply code of a line, or -1. */
static int
reply_code (const guint8 *line, gsize len, gboolean *continued)
{
  if (len < 3 || !is_digit (line[0]) || !is_digit (line[1]) || !is_digit (line[2]))
    return -1;
  if (continued)
    *continued = len > 3 && line[3] == '-';
  return (line[0] - '0') * 100 + (line[1] - '0') * 10 + (line[2] - '0');
}

/* ---- classification ------------------------------------------------------- */

static HlStarttlsMatch
prefix_match (const guint8 *data, gsize len, const guint8 *sig, gsize sig_len)
{
  gsize n = MIN (len, sig_len);
  if (memcmp (data, sig, n) != 0)
    return HL_STARTTLS_NO_MATCH;
  return len < sig_len ? HL_STARTTLS_NEED_MORE : HL_STARTTLS_MATCH;
}

static HlStarttlsMatch
prefix_match_str (const guint8 *data, gsize len, const char *sig)
{
  return prefix_match (data, len, (const guint8 *) sig, strlen (sig));
}

static const guint8 pg_ssl_request[8] = { 0, 0, 0, 8, 0x04, 0xd2, 0x16, 0x2f };
static const guint8 pg_gssenc_request[8] = { 0, 0, 0, 8, 0x04, 0xd2, 0x16, 0x30 };

static HlStarttlsMatch
classify_ldap (const guint8 *data, gsize len)
{
  /* LDAPMessage ::= SEQUENCE { messageID INTEGER, protocolOp ... } */
  gsize pos;

  if (len < 1)
    return HL_STARTTLS_NEED_MORE;
  if (data[0] != 0x30)
    return HL_STARTTLS_NO_MATCH;
  if (len < 2)
    return HL_STARTTLS_NEED_MORE;
  if (data[1] < 0x80)
    pos = 2;
  else if (data[1] >= 0x81 && data[1] <= 0x84)
    pos = 2 + (data[1] & 0x7f);
  else
    return HL_STARTTLS_NO_MATCH;
  if (len < pos + 2)
    return HL_STARTTLS_NEED_MORE;
  if (data[pos] != 0x02 || data[pos + 1] < 1 || data[pos + 1] > 4)
    return HL_STARTTLS_NO_MATCH;
  return HL_STARTTLS_MATCH;
}

static HlStarttlsMatch
classify_mysql (const guint8 *data, gsize len)
{
  guint32 plen;

  if (len < 6)
    {
      /* the checks below on what is there */
      if (len >= 4 && data[3] != 0)
        return HL_STARTTLS_NO_MATCH;
      if (len >= 5 && data[4] != 0x0a)
        return HL_STARTTLS_NO_MATCH;
      if (len >= 3)
        {
          plen = data[0] | (data[1] << 8) | ((guint32) data[2] << 16);
          if (plen < 16 || plen > 1024)
            return HL_STARTTLS_NO_MATCH;
        }
      return HL_STARTTLS_NEED_MORE;
    }
  plen = data[0] | (data[1] << 8) | ((guint32) data[2] << 16);
  if (plen < 16 || plen > 1024 || data[3] != 0 || data[4] != 0x0a || !is_digit (data[5]))
    return HL_STARTTLS_NO_MATCH;
  return HL_STARTTLS_MATCH;
}

HlStarttlsMatch
hl_starttls_classify (HlStarttls *st, HlDirection dir, const guint8 *data, gsize len)
{
  struct { HlStarttlsMatch m; HlStarttlsProto proto; } c[8];
  guint n = 0;
  gboolean need_more = FALSE;

  if (len == 0)
    return HL_STARTTLS_NEED_MORE;

  if (dir == HL_DIR_C2S)
    {
      c[n].m = prefix_match_str (data, len, "CONNECT ");
      c[n++].proto = HL_STARTTLS_HTTP_CONNECT;
      c[n].m = prefix_match (data, len, pg_ssl_request, 8);
      c[n++].proto = HL_STARTTLS_POSTGRES;
      c[n].m = prefix_match (data, len, pg_gssenc_request, 8);
      c[n++].proto = HL_STARTTLS_POSTGRES;
      c[n].m = prefix_match_str (data, len, "<?xml");
      c[n++].proto = HL_STARTTLS_XMPP;
      c[n].m = prefix_match_str (data, len, "<stream:stream");
      c[n++].proto = HL_STARTTLS_XMPP;
      c[n].m = classify_ldap (data, len);
      c[n++].proto = HL_STARTTLS_LDAP;
    }
  else
    {
      HlStarttlsMatch m220 = prefix_match_str (data, len, "220");
      if (m220 == HL_STARTTLS_MATCH)
        {
          if (len < 4)
            m220 = HL_STARTTLS_NEED_MORE;
          else if (data[3] != ' ' && data[3] != '-')
            m220 = HL_STARTTLS_NO_MATCH;
        }
      c[n].m = m220;
      c[n++].proto = HL_STARTTLS_SMTP_OR_FTP;
      c[n].m = prefix_match_str (data, len, "* OK");
      c[n++].proto = HL_STARTTLS_IMAP;
      c[n].m = prefix_match_str (data, len, "* PREAUTH");
      c[n++].proto = HL_STARTTLS_IMAP;
      c[n].m = prefix_match_str (data, len, "+OK");
      c[n++].proto = HL_STARTTLS_POP3;
      c[n].m = classify_mysql (data, len);
      c[n++].proto = HL_STARTTLS_MYSQL;
    }

  for (guint i = 0; i < n; i++)
    {
      if (c[i].m == HL_STARTTLS_MATCH)
        {
          st->proto = c[i].proto;
          if (st->proto == HL_STARTTLS_SMTP_OR_FTP)
            {
              /* the greeting line often names the protocol */
              gsize line = MIN (len, 200);
              const guint8 *nl = memchr (data, '\n', line);
              if (nl)
                line = (gsize) (nl - data);
              if (find_bytes (data, line, "SMTP") || find_bytes (data, line, "smtp"))
                st->proto = HL_STARTTLS_SMTP;
              else if (find_bytes (data, line, "FTP") || find_bytes (data, line, "ftp"))
                st->proto = HL_STARTTLS_FTP;
            }
          return HL_STARTTLS_MATCH;
        }
      if (c[i].m == HL_STARTTLS_NEED_MORE)
        need_more = TRUE;
    }
  return need_more ? HL_STARTTLS_NEED_MORE : HL_STARTTLS_NO_MATCH;
}

/* ---- steps ---------------------------------------------------------------- */

/* Length of the first line including its '\n', 0 if incomplete. */
static gsize
line_length (const guint8 *data, gsize len)
{
  const guint8 *nl = memchr (data, '\n', MIN (len, MAX_STEP));
  if (nl)
    return (gsize) (nl - data) + 1;
  if (len >= MAX_STEP)
    return MAX_STEP;
  return 0;
}

/* A reply with continuation lines ("250-a", "250-b", "250 c") as one step. */
static gsize
reply_length (const guint8 *data, gsize len)
{
  gboolean cont = FALSE;
  gsize n = line_length (data, len);
  int code;

  if (n == 0)
    return 0;
  code = reply_code (data, n, &cont);
  if (code < 0 || !cont)
    return n;
  while (n < len && n < MAX_STEP)
    {
      gsize m = line_length (data + n, len - n);
      gboolean more = FALSE;
      if (m == 0)
        return 0;
      if (reply_code (data + n, m, &more) == code && !more)
        return n + m;
      n += m;
    }
  return n >= MAX_STEP ? n : 0;
}

/* Skip an IMAP tag and return the command word after it. */
static const guint8 *
after_tag (const guint8 *line, gsize len, gsize *tag_len)
{
  const guint8 *sp = memchr (line, ' ', len);
  if (sp == NULL)
    return NULL;
  *tag_len = (gsize) (sp - line);
  return sp + 1;
}

static HlStarttlsSignal
text_client_step (HlStarttls *st, const guint8 *line, gsize len)
{
  switch (st->proto)
    {
    case HL_STARTTLS_SMTP:
    case HL_STARTTLS_FTP:
    case HL_STARTTLS_SMTP_OR_FTP:
      if (starts_with_ci (line, len, "STARTTLS") && st->proto != HL_STARTTLS_FTP)
        {
          st->proto = HL_STARTTLS_SMTP;
          st->requested = TRUE;
          return HL_STARTTLS_STEP_REQUEST;
        }
      if (starts_with_ci (line, len, "AUTH TLS") || starts_with_ci (line, len, "AUTH SSL"))
        {
          st->proto = HL_STARTTLS_FTP;
          st->requested = TRUE;
          return HL_STARTTLS_STEP_REQUEST;
        }
      if (st->proto == HL_STARTTLS_SMTP_OR_FTP)
        {
          if (starts_with_ci (line, len, "EHLO") || starts_with_ci (line, len, "HELO") ||
              starts_with_ci (line, len, "LHLO"))
            st->proto = HL_STARTTLS_SMTP;
          else if (starts_with_ci (line, len, "USER") || starts_with_ci (line, len, "FEAT") ||
                   starts_with_ci (line, len, "AUTH"))
            st->proto = HL_STARTTLS_FTP;
        }
      break;
    case HL_STARTTLS_IMAP:
      {
        gsize tag_len = 0;
        const guint8 *cmd = after_tag (line, len, &tag_len);
        if (cmd && tag_len > 0 && tag_len < sizeof st->imap_tag &&
            starts_with_ci (cmd, len - (gsize) (cmd - line), "STARTTLS"))
          {
            memcpy (st->imap_tag, line, tag_len);
            st->imap_tag[tag_len] = '\0';
            st->requested = TRUE;
            return HL_STARTTLS_STEP_REQUEST;
          }
      }
      break;
    case HL_STARTTLS_POP3:
      if (starts_with_ci (line, len, "STLS"))
        {
          st->requested = TRUE;
          return HL_STARTTLS_STEP_REQUEST;
        }
      break;
    default:
      break;
    }
  return HL_STARTTLS_STEP_PLAIN;
}

static HlStarttlsSignal
answer (HlStarttls *st, gboolean ok)
{
  st->requested = FALSE;
  return ok ? HL_STARTTLS_STEP_GO_AHEAD : HL_STARTTLS_STEP_REFUSED;
}

static HlStarttlsSignal
text_server_step (HlStarttls *st, const guint8 *data, gsize len)
{
  int code;

  if (!st->requested)
    return HL_STARTTLS_STEP_PLAIN;
  switch (st->proto)
    {
    case HL_STARTTLS_SMTP:
    case HL_STARTTLS_FTP:
    case HL_STARTTLS_SMTP_OR_FTP:
      code = reply_code (data, len, NULL);
      if (code < 0 || code < 200)
        return HL_STARTTLS_STEP_PLAIN;
      if (st->proto == HL_STARTTLS_SMTP)
        return answer (st, code == 220);
      return answer (st, code == 234 || code == 334);
    case HL_STARTTLS_IMAP:
      {
        gsize tag_len = 0;
        const guint8 *word = after_tag (data, len, &tag_len);
        if (word == NULL || tag_len != strlen (st->imap_tag) ||
            memcmp (data, st->imap_tag, tag_len) != 0)
          return HL_STARTTLS_STEP_PLAIN;   /* untagged */
        return answer (st, starts_with_ci (word, len - (gsize) (word - data), "OK"));
      }
    case HL_STARTTLS_POP3:
      if (starts_with_ci (data, len, "+OK"))
        return answer (st, TRUE);
      if (starts_with_ci (data, len, "-ERR"))
        return answer (st, FALSE);
      return HL_STARTTLS_STEP_PLAIN;
    default:
      return HL_STARTTLS_STEP_PLAIN;
    }
}

static gsize
text_step (HlStarttls *st, HlDirection dir, const guint8 *data, gsize len, gboolean at_end,
           HlStarttlsSignal *signal)
{
  gsize n;

  if (dir == HL_DIR_S2C && (st->proto == HL_STARTTLS_SMTP || st->proto == HL_STARTTLS_FTP ||
                            st->proto == HL_STARTTLS_SMTP_OR_FTP))
    n = reply_length (data, len);
  else
    n = line_length (data, len);
  if (n == 0)
    {
      if (!at_end)
        return 0;
      n = len;
    }
  *signal = dir == HL_DIR_C2S ? text_client_step (st, data, n) : text_server_step (st, data, n);
  return n;
}

/* XMPP: a step is the prolog with the stream header, or one complete
 * child element of the stream (found by tag depth), whatever the chunking. */
static gsize
xmpp_step (HlStarttls *st, HlDirection dir, const guint8 *data, gsize len, gboolean at_end,
           HlStarttlsSignal *signal)
{
  gsize scan = MIN (len, MAX_STEP), i = 0, first_tag = (gsize) -1;
  int depth = 0;

  while (i < scan)
    {
      const guint8 *lt = memchr (data + i, '<', scan - i);
      const guint8 *gt;
      gsize j, k;

      if (lt == NULL)
        break;
      j = (gsize) (lt - data);
      gt = memchr (lt, '>', scan - j);
      if (gt == NULL)
        break;
      k = (gsize) (gt - data);
      i = k + 1;
      if (j + 1 < k && (data[j + 1] == '?' || data[j + 1] == '!'))
        continue;   /* prolog, comment */
      if (first_tag == (gsize) -1)
        first_tag = j;
      if (data[j + 1] == '/')
        {
          if (depth == 0)
            return i;   /* </stream:stream> */
          if (--depth == 0)
            break;
        }
      else if (data[k - 1] == '/')
        {
          if (depth == 0)
            break;
        }
      else if (depth == 0 && starts_with_ci (data + j, k - j, "<stream:stream"))
        return i;   /* the stream header ends its step */
      else
        depth++;
    }
  if (depth != 0 || first_tag == (gsize) -1 || i > scan ||
      !(i > 0 && data[i - 1] == '>'))
    {
      if (!at_end && len < MAX_STEP)
        return 0;
      return scan;
    }

  /* i: the end of one complete element starting at first_tag */
  if (dir == HL_DIR_C2S && starts_with_ci (data + first_tag, i - first_tag, "<starttls"))
    {
      st->requested = TRUE;
      *signal = HL_STARTTLS_STEP_REQUEST;
    }
  else if (dir == HL_DIR_S2C && st->requested)
    {
      if (starts_with_ci (data + first_tag, i - first_tag, "<proceed"))
        *signal = answer (st, TRUE);
      else if (starts_with_ci (data + first_tag, i - first_tag, "<failure"))
        *signal = answer (st, FALSE);
    }
  return i;
}

/* BER length of an LDAP message at data, 0 if incomplete. */
static gsize
ber_message_length (const guint8 *data, gsize len, gboolean *bad)
{
  HlReader r;
  guint8 l;
  gsize body = 0, head;

  hl_reader_init (&r, data, len);
  hl_reader_u8 (&r);   /* tag */
  l = hl_reader_u8 (&r);
  if (l < 0x80)
    body = l;
  else
    {
      guint n = l & 0x7f;
      if (n == 0 || n > 4)
        {
          *bad = TRUE;
          return 0;
        }
      for (guint i = 0; i < n; i++)
        body = (body << 8) | hl_reader_u8 (&r);
    }
  if (!hl_reader_ok (&r))
    return 0;
  head = hl_reader_offset (&r);
  if (body > MAX_BINARY_STEP)
    {
      *bad = TRUE;
      return 0;
    }
  if (len < head + body)
    return 0;
  return head + body;
}

static gsize
ldap_step (HlStarttls *st, HlDirection dir, const guint8 *data, gsize len, gboolean at_end,
           char **text, HlStarttlsSignal *signal)
{
  gboolean bad = FALSE;
  gsize n = ber_message_length (data, len, &bad);
  HlReader r, seq;
  guint8 op;

  if (bad || (n == 0 && at_end))
    {
      n = MIN (len, MAX_STEP);
      *text = g_strdup_printf (_("LDAP: %zu undecodable bytes"), n);
      return n;
    }
  if (n == 0)
    return 0;

  if (dir == HL_DIR_C2S && find_bytes (data, n, LDAP_STARTTLS_OID))
    {
      st->requested = TRUE;
      *signal = HL_STARTTLS_STEP_REQUEST;
      *text = g_strdup ("LDAP ExtendedRequest StartTLS (" LDAP_STARTTLS_OID ")");
      return n;
    }

  /* SEQUENCE { messageID INTEGER, protocolOp [APPLICATION n] ... } */
  hl_reader_init (&r, data, n);
  hl_reader_u8 (&r);
  {
    guint8 l = hl_reader_u8 (&r);
    if (l >= 0x80)
      hl_reader_skip (&r, l & 0x7f);
  }
  seq = hl_reader_sub (&r, hl_reader_remaining (&r));
  if (hl_reader_u8 (&seq) == 0x02)
    hl_reader_skip (&seq, hl_reader_u8 (&seq));
  op = hl_reader_u8 (&seq);
  if (hl_reader_ok (&seq) && op == 0x78)   /* ExtendedResponse */
    {
      guint8 l = hl_reader_u8 (&seq);
      int code = -1;
      if (l >= 0x80)
        hl_reader_skip (&seq, l & 0x7f);
      if (hl_reader_u8 (&seq) == 0x0a && hl_reader_u8 (&seq) == 1)
        code = hl_reader_u8 (&seq);
      if (hl_reader_ok (&seq) && code >= 0)
        {
          *text = g_strdup_printf (code == 0 ? _("LDAP ExtendedResponse: resultCode %d (success)")
                                   : _("LDAP ExtendedResponse: resultCode %d"), code);
          if (dir == HL_DIR_S2C && st->requested)
            *signal = answer (st, code == 0);
          return n;
        }
    }
  *text = g_strdup_printf (_("LDAP message (operation 0x%02x, %zu bytes)"), op, n);
  return n;
}

static gsize
postgres_step (HlStarttls *st, HlDirection dir, const guint8 *data, gsize len, gboolean at_end,
               char **text, HlStarttlsSignal *signal)
{
  HlReader r;
  guint32 mlen;

  if (dir == HL_DIR_C2S)
    {
      if (len >= 8 && memcmp (data, pg_ssl_request, 8) == 0)
        {
          st->requested = TRUE;
          *signal = HL_STARTTLS_STEP_REQUEST;
          *text = g_strdup ("PostgreSQL SSLRequest");
          return 8;
        }
      if (len >= 8 && memcmp (data, pg_gssenc_request, 8) == 0)
        {
          st->pg_gssenc_pending = TRUE;
          *text = g_strdup ("PostgreSQL GSSENCRequest");
          return 8;
        }
      /* startup-style message: Int32 length (including itself) */
      hl_reader_init (&r, data, len);
      mlen = hl_reader_u32 (&r);
      if (!hl_reader_ok (&r))
        return at_end ? len : 0;
      if (mlen < 4 || mlen > MAX_BINARY_STEP)
        mlen = (guint32) MIN (len, MAX_STEP);
      if (len < mlen && !at_end)
        return 0;
      mlen = (guint32) MIN (mlen, len);
      *text = g_strdup_printf (_("PostgreSQL message (%u bytes)"), mlen);
      return mlen;
    }

  if (st->requested && data[0] == 'S')
    {
      *signal = answer (st, TRUE);
      *text = g_strdup (_("S (the server accepts SSL)"));
      return 1;
    }
  if (st->requested && data[0] == 'N')
    {
      *signal = answer (st, FALSE);
      *text = g_strdup (_("N (the server refuses SSL)"));
      return 1;
    }
  if (st->pg_gssenc_pending && data[0] == 'N')
    {
      st->pg_gssenc_pending = FALSE;
      *text = g_strdup (_("N (the server refuses GSS encryption)"));
      return 1;
    }
  /* backend message: Byte1 type, Int32 length */
  hl_reader_init (&r, data, len);
  hl_reader_u8 (&r);
  mlen = hl_reader_u32 (&r);
  if (!hl_reader_ok (&r))
    return at_end ? len : 0;
  if (mlen < 4 || mlen > MAX_BINARY_STEP)
    mlen = (guint32) MIN (len, MAX_STEP) - 1;
  if (len < (gsize) mlen + 1 && !at_end)
    return 0;
  mlen = (guint32) MIN ((gsize) mlen + 1, len);
  if (st->requested && data[0] == 'E')
    *signal = answer (st, FALSE);
  *text = g_strdup_printf (_("PostgreSQL message '%c' (%u bytes)"),
                           g_ascii_isprint (data[0]) ? data[0] : '?', mlen);
  return mlen;
}

static gsize
mysql_step (HlStarttls *st, HlDirection dir, const guint8 *data, gsize len, gboolean at_end,
            char **text, HlStarttlsSignal *signal)
{
  HlReader r;
  guint32 plen;
  guint8 seq;

  hl_reader_init (&r, data, len);
  plen = hl_reader_u8 (&r);
  plen |= (guint32) hl_reader_u8 (&r) << 8;
  plen |= (guint32) hl_reader_u8 (&r) << 16;
  seq = hl_reader_u8 (&r);
  if (!hl_reader_ok (&r))
    return at_end ? len : 0;
  if (plen > MAX_BINARY_STEP || len < 4 + (gsize) plen)
    {
      if (!at_end && plen <= MAX_BINARY_STEP)
        return 0;
      *text = g_strdup_printf (_("MySQL: %zu undecodable bytes"), MIN (len, MAX_STEP));
      return MIN (len, MAX_STEP);
    }

  if (dir == HL_DIR_S2C && seq == 0 && plen >= 2 && data[4] == 0x0a)
    {
      HlReader v = hl_reader_sub (&r, plen);
      const guint8 *ver, *nul;
      hl_reader_u8 (&v);
      ver = hl_reader_peek (&v);
      nul = memchr (ver, 0, hl_reader_remaining (&v));
      if (nul)
        {
          g_autofree char *vs = hl_starttls_escape (ver, (gsize) (nul - ver), 60);
          *text = g_strdup_printf (_("MySQL server greeting (protocol 10, server %s)"), vs);
        }
      else
        *text = g_strdup (_("MySQL server greeting (protocol 10)"));
      return 4 + plen;
    }
  if (dir == HL_DIR_C2S && seq == 1 && plen == 32)
    {
      guint32 caps = data[4] | (data[5] << 8) | ((guint32) data[6] << 16) | ((guint32) data[7] << 24);
      if (caps & 0x800)   /* CLIENT_SSL: TLS follows at once, no answer */
        {
          *signal = HL_STARTTLS_STEP_GO_AHEAD;
          *text = g_strdup (_("MySQL SSL request"));
          return 4 + plen;
        }
    }
  *text = g_strdup_printf (_("MySQL packet (sequence %u, %u bytes)"), seq, plen);
  return 4 + plen;
}

static gsize
http_connect_step (HlStarttls *st, HlDirection dir, const guint8 *data, gsize len, gboolean at_end,
                   HlStarttlsSignal *signal)
{
  gsize scan = MIN (len, 2 * MAX_STEP);
  const guint8 *end = find_bytes (data, scan, "\r\n\r\n");
  const guint8 *end_lf = find_bytes (data, scan, "\n\n");
  gsize n;

  if (end)
    n = (gsize) (end - data) + 4;
  else if (end_lf)
    n = (gsize) (end_lf - data) + 2;
  else if (at_end || len >= 2 * MAX_STEP)
    n = scan;
  else
    return 0;
  if (end_lf && end && end_lf + 2 < end + 4)
    n = (gsize) (end_lf - data) + 2;

  if (dir == HL_DIR_C2S)
    {
      if (starts_with_ci (data, n, "CONNECT "))
        {
          st->requested = TRUE;
          *signal = HL_STARTTLS_STEP_REQUEST;
        }
    }
  else if (st->requested && starts_with_ci (data, n, "HTTP/1.") && n >= 12 && data[8] == ' ')
    {
      if (data[9] == '1')   /* 1xx interim response: keep waiting */
        return n;
      *signal = answer (st, data[9] == '2');
    }
  return n;
}

gsize
hl_starttls_next_step (HlStarttls *st, HlDirection dir, const guint8 *data, gsize len,
                       gboolean at_end, char **text, HlStarttlsSignal *signal)
{
  gsize n;

  *text = NULL;
  *signal = HL_STARTTLS_STEP_PLAIN;
  if (len == 0)
    return 0;

  switch (st->proto)
    {
    case HL_STARTTLS_LDAP:
      return ldap_step (st, dir, data, len, at_end, text, signal);
    case HL_STARTTLS_POSTGRES:
      return postgres_step (st, dir, data, len, at_end, text, signal);
    case HL_STARTTLS_MYSQL:
      return mysql_step (st, dir, data, len, at_end, text, signal);
    case HL_STARTTLS_XMPP:
      n = xmpp_step (st, dir, data, len, at_end, signal);
      break;
    case HL_STARTTLS_HTTP_CONNECT:
      n = http_connect_step (st, dir, data, len, at_end, signal);
      break;
    case HL_STARTTLS_UNKNOWN:
    case HL_STARTTLS_SMTP:
    case HL_STARTTLS_IMAP:
    case HL_STARTTLS_POP3:
    case HL_STARTTLS_FTP:
    case HL_STARTTLS_SMTP_OR_FTP:
    default:
      n = text_step (st, dir, data, len, at_end, signal);
      break;
    }
  if (n > 0)
    *text = hl_starttls_escape (data, n, 200);
  return n;
}
