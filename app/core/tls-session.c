/* tls-session.c: the application-layer parser of one connection (see
 * tls-session.h).
 *
 * Per direction the bytes go through a small state machine:
 *
 *   DETECT   -> TLS       a record header (or an SSLv2-compatible ClientHello)
 *            -> SSL2      an SSLv2 record
 *            -> PREAMBLE  the start of a known plaintext preamble (STARTTLS...)
 *            -> IGNORE    anything else: one PLAINTEXT event, then counting
 *            -> RESYNC    binary bytes when the capture started mid-stream
 *   PREAMBLE -> TLS       after the server's go-ahead (both directions)
 *   TLS      -> RESYNC    after a gap, until a plausible record header
 *            -> IGNORE    on a record that cannot be TLS (absurd length)
 *
 * Records are parsed in place when a whole record sits in one chunk; only a
 * partial record is copied.  Handshake messages are reassembled across
 * records per direction.  Every message goes to HlTlsCrypto in processing
 * order (the engine delivers both directions in capture order).
 *
 * TLS 1.3 without keys, how undecryptable records are labelled:
 *  - a record whose ciphertext is at most 4 + tag bytes cannot hold any
 *    handshake message of the handshake phase (the smallest is
 *    EndOfEarlyData: 4 + 1 + tag), so it is an alert: tls_type 21;
 *  - a client record of at most 40 bytes could be a padded alert or an
 *    empty Certificate: tls_type 23 (cannot tell);
 *  - anything else before that direction's Finished: tls_type 22.
 * The server's flight ends with a record of exactly Finished size
 * (4 + hash + 1 + tag, not the first record), or when the client starts its
 * encrypted flight; the client's flight ends with its Finished-size record,
 * or when the server sends anything after it.  Records after one side's
 * Finished but before the other's stay ENCRYPTED events (NewSessionTicket,
 * 0.5-RTT data); after both, they are counted as application data, and an
 * alert-sized one (2 + 1 + tag bytes) is shown as an encrypted alert
 * (close_notify is the usual case).
 *
 * Application data is not decrypted (only counted, hl_tls_crypto_skip_record)
 * unless the cipher needs every record (hl_tls_crypto_can_skip: RC4, SSL 3.0
 * and TLS 1.0 CBC, the TLS 1.3 0-RTT window) or, in TLS 1.3, the record may
 * be a post-handshake message or an alert: small (<= 1 KiB), or among the
 * first four after that direction's Finished (NewSessionTickets come first
 * and carry the client certificate with mutual authentication: > 1 KiB).
 */
#include "tls-session.h"

#include <string.h>
#include <gnutls/crypto.h>

#include "i18n.h"
#include "reader.h"
#include "starttls.h"
#include "tls-crypto.h"
#include "tls-format-private.h"
#include "tls-handshake.h"
#include "tls-names.h"

#define MAX_RECORD_BODY     (16384 + 2048)
#define MAX_MESSAGE         (256 * 1024)
#define MAX_EVENTS          2000
#define MAX_PREAMBLE_BUFFER (72 * 1024)
#define MAX_PREAMBLE_STEPS  64
#define DETECT_MAX          64
#define RESYNC_BUDGET       (64 * 1024)
#define TLS13_DECRYPT_MAX   1024
#define TLS13_DECRYPT_FIRST 4      /* post-handshake records always decrypted */
#define MAX_SSL2_EVENTS     16
#define PLAINTEXT_SAMPLE    256
#define MAX_ENCRYPTED_BYTES 4096   /* bytes of an encrypted record kept for the hex view */

typedef enum {
  MODE_DETECT,
  MODE_PREAMBLE,
  MODE_TLS,
  MODE_SSL2,
  MODE_RESYNC,
  MODE_IGNORE,
} Mode;

typedef struct {
  guint32 offset;   /* in the buffer (a record: header included) */
  guint64 frame;
  gint64  ts;
} FrameMark;

typedef struct {
  Mode        mode;
  gboolean    not_tls;          /* IGNORE because the bytes are not TLS: watch for late TLS */
  gboolean    plaintext_reported;
  HlEvent    *sample_event;     /* the PLAINTEXT event of a non-TLS stream ... */
  GByteArray *sample;           /* ... and its bytes, grown within its frame */
  guint64     sample_frame;
  char       *not_tls_text;     /* its first line, for the note at the end */
  guint64     not_tls_bytes;
  GByteArray *buf;              /* detect/preamble bytes, or a partial record */
  GArray     *marks;            /* FrameMark: the frames of a partial record */
  guint64     buf_first_frame;
  /* A partial record whose body nobody reads (see record_keep): only its
   * first rec_keep bytes go into buf, the rest is counted in rec_skipped.
   * rec_keep is 0 when no partial record has been planned. */
  gsize       rec_keep;
  gsize       rec_skipped;

  GByteArray *hs;               /* partial handshake message (NULL until one spans records) */
  guint64     hs_first_frame;
  gsize       hs_skip;          /* bytes of an oversized message still to skip */

  gboolean    any_record;       /* a record was parsed (SSLv2 headers only come first) */
  gboolean    encrypted;        /* TLS <= 1.2: after this direction's CCS */
  gboolean    ccs_seen;         /* a CCS, even a TLS 1.3 no-op one */
  gboolean    finished;         /* Finished seen or inferred */
  gboolean    crypto_lost;      /* a gap or a failed record: sequence numbers unknown */
  guint       n_enc_hs;         /* undecrypted handshake-phase records */
  guint       n_post_hs;        /* TLS 1.3 records after this direction's Finished */
  guint64     ignored;
  gsize       resync_left;
  guint       ssl2_events;
} DirState;

#define HS_LEN(ds) ((ds)->hs ? (ds)->hs->len : 0u)

struct _HlTlsSession {
  HlConnection *conn;
  HlKeylog     *keylog;          /* nullable */
  HlTlsCrypto  *crypto;
  DirState     *d[2];            /* by HlDirection; swapped with the roles (both live
                                    in the session's allocation) */
  HlStarttls   *starttls;
  const char   *starttls_name;   /* set at the go-ahead */
  guint         preamble_steps;

  /* negotiation */
  guint16       version;         /* negotiated (first non-HRR ServerHello) */
  gboolean      tls13;
  gboolean      server_hello_seen;
  gboolean      hrr;
  gboolean      client_offers13;
  gboolean      tls12_evidence;  /* a plaintext message TLS 1.3 never sends in clear */
  gboolean      client_early_data;
  guint8        client_random[32];
  guint         tag_len, hash_len;   /* TLS 1.3 suite sizes for the heuristics */
  /* the current handshake (reset at each ClientHello) */
  gboolean      hs_server_hello;
  gboolean      hs_server_hello_done;
  gboolean      hs_ske;
  HlTlsKex      hs_kex;
  gboolean      server_cert_seen, client_cert_seen;
  /* TLS <= 1.2 resumption: the ClientHello's session id / ticket, as keys
   * of the process-wide session table; the ServerHello's parameters */
  gboolean      ch_sid_set, ch_ticket_set;
  guint8        ch_sid_key[32], ch_ticket_key[32];
  guint16       sh_suite;
  guint8        sh_random[32];
  gboolean      sh_etm, sh_ems;

  /* decryption */
  gboolean      crypto_off;
  gboolean      decrypt_ok;
  gboolean      noted_unsupported, noted_auth;

  gboolean      roles_decided;
  gboolean      events_capped;
  GByteArray   *plain;           /* decrypted record */
};

/* A record being processed: raw bytes, and the frames its bytes came in. */
typedef struct {
  guint8           type;
  guint16          version;
  const guint8    *raw;          /* header + body (ciphertext) */
  gsize            raw_len;
  gsize            raw_avail;    /* bytes of raw held: raw_len, or fewer for a
                                    record whose body was skipped (record_keep) */
  guint            hdr_len;      /* 5, or 2/3 for SSLv2 */
  const guint8    *body;         /* body, or plaintext after decryption */
  gsize            body_len;
  guint64          frame;        /* completes the record */
  guint64          first_frame;
  gint64           ts;
  const FrameMark *marks;
  guint            n_marks;
  gboolean         encrypted, decrypted;
} Record;

static void feed_dir (HlTlsSession *s, DirState *ds, const guint8 *data, gsize len,
                      guint64 frame, gint64 ts);
static void preamble_steps (HlTlsSession *s, DirState *ds, guint64 frame, gint64 ts, gboolean at_end);

/* ---- small helpers --------------------------------------------------------------- */

static HlDirection
dir_of (HlTlsSession *s, DirState *ds)
{
  return s->d[HL_DIR_C2S] == ds ? HL_DIR_C2S : HL_DIR_S2C;
}

/* Adds "frame N: message" to the connection's notes. */
static void G_GNUC_PRINTF (3, 4)
note (HlTlsSession *s, guint64 frame, const char *fmt, ...)
{
  g_autofree char *msg = NULL;
  char num[24];
  va_list ap;

  va_start (ap, fmt);
  msg = g_strdup_vprintf (fmt, ap);
  va_end (ap);
  g_snprintf (num, sizeof num, "%" G_GUINT64_FORMAT, frame);
  /* TRANSLATORS: a parse note on a connection: the frame number, then what happened */
  hl_connection_add_note (s->conn, _("frame %s: %s"), num, msg);
}

/* A 64-bit count as text (translatable formats keep to plain %s). */
#define U64(buf, v) (g_snprintf ((buf), sizeof (buf), "%" G_GUINT64_FORMAT, (guint64) (v)), (buf))

static guint32
get_u24 (const guint8 *p)
{
  return ((guint32) p[0] << 16) | ((guint32) p[1] << 8) | p[2];
}

static HlTlsInfo *
ensure_tls (HlTlsSession *s, guint64 frame)
{
  if (s->conn->tls == NULL)
    {
      HlTlsInfo *tls = hl_connection_ensure_tls (s->conn);
      tls->first_frame = frame;
      if (s->starttls_name)
        tls->starttls = g_strdup (s->starttls_name);
    }
  return s->conn->tls;
}

/* Where an event of `frame` goes: events are in wire order, and the TCP
 * tracker may deliver a direction late (after a hole). */
static guint
insertion_point (HlTlsSession *s, guint64 frame)
{
  GPtrArray *events = s->conn->events;
  guint i = events->len;
  while (i > 0 && ((HlEvent *) g_ptr_array_index (events, i - 1))->frame > frame)
    i--;
  return i;
}

/* Adds the event, or frees it past the per-connection cap.  Returns the
 * event if it was added. */
static HlEvent *
add_event (HlTlsSession *s, HlEvent *ev)
{
  /* in discard mode a field tree is the reading thread's scratch node,
   * which must not leave with the connection */
  if (hl_field_is_scratch (ev->fields))
    ev->fields = NULL;
  if (s->conn->events->len >= MAX_EVENTS)
    {
      if (!s->events_capped)
        note (s, ev->frame, _("more than %u events on this connection; later ones are not recorded"),
              MAX_EVENTS);
      s->events_capped = TRUE;
      hl_connection_drop_event (s->conn, ev);
      return NULL;
    }
  {
    guint i = insertion_point (s, ev->frame);
    if (i == s->conn->events->len)
      hl_connection_add_event (s->conn, ev);
    else
      g_ptr_array_insert (s->conn->events, (gint) i, ev);
  }
  return ev;
}

static guint64
frame_at (const Record *rec, gsize body_offset)
{
  guint64 frame = rec->first_frame;
  gsize off = rec->hdr_len + body_offset;
  for (guint i = 0; i < rec->n_marks; i++)
    {
      if (rec->marks[i].offset > off)
        break;
      frame = rec->marks[i].frame;
    }
  return frame;
}

static gboolean
is_tls13_version (guint16 v)
{
  return v == 0x0304 || (v & 0xff00) == 0x7f00;
}

static void
set_finished (HlTlsSession *s, DirState *ds)
{
  HlTlsInfo *tls = s->conn->tls;
  ds->finished = TRUE;
  if (tls == NULL)
    return;
  if (dir_of (s, ds) == HL_DIR_C2S)
    tls->client_finished = TRUE;
  else
    tls->server_finished = TRUE;
}

/* Forgets the partial record (or detect/preamble bytes) and its frames. */
static void
partial_reset (DirState *ds)
{
  g_byte_array_set_size (ds->buf, 0);
  g_array_set_size (ds->marks, 0);
  ds->rec_keep = 0;
  ds->rec_skipped = 0;
}

/* Bytes of the partial record seen so far, kept or skipped. */
static gsize
partial_len (const DirState *ds)
{
  return ds->buf->len + ds->rec_skipped;
}

static void
stop_direction (HlTlsSession *s, DirState *ds)
{
  ds->mode = MODE_IGNORE;
  ds->not_tls = FALSE;
  partial_reset (ds);
}

/* ---- record header checks -------------------------------------------------------- */

static gboolean
plausible_header (const guint8 *p, gsize len)
{
  return len >= 5 && p[0] >= 20 && p[0] <= 24 && p[1] == 3 && p[2] <= 4 &&
         (((gsize) p[3] << 8) | p[4]) <= MAX_RECORD_BODY;
}

/* A plausible header whose record ends at the end of the data or is
 * followed by another plausible header. */
static gboolean
plausible_chain (const guint8 *p, gsize len)
{
  gsize total;
  if (!plausible_header (p, len))
    return FALSE;
  total = 5 + (((gsize) p[3] << 8) | p[4]);
  if (total == len)
    return TRUE;
  if (total < len)
    return plausible_header (p + total, len - total) || len - total < 5;
  return FALSE;
}

/* A TLS ClientHello (c2s) or ServerHello (s2c) record starts here. */
static gboolean
hello_record_start (const guint8 *p, gsize len, HlDirection dir)
{
  gsize blen;
  if (len < 11 || p[0] != 22 || p[1] != 3 || p[2] > 4)
    return FALSE;
  blen = ((gsize) p[3] << 8) | p[4];
  if (blen < 4 || blen > MAX_RECORD_BODY)
    return FALSE;
  if (p[5] != (dir == HL_DIR_C2S ? 1 : 2))
    return FALSE;
  return p[9] == 3 && p[10] <= 4 && get_u24 (p + 6) >= 38;
}

/* ---- events ------------------------------------------------------------------------ */

static void
add_plaintext_event (HlTlsSession *s, DirState *ds, char *text, guint64 first_frame,
                     guint64 frame, gint64 ts)
{
  HlEvent *ev = hl_connection_new_event (s->conn, HL_EVENT_PLAINTEXT, dir_of (s, ds), frame, ts);
  ev->first_frame = first_frame;
  ev->text = text;
  add_event (s, ev);
}

/* The event's bytes, for the Bytes view.  Headless reports never show
 * them (discard mode): only their size is kept. */
static void
keep_bytes (HlEvent *ev, const guint8 *data, gsize len)
{
  if (hl_field_discarding ())
    {
      if (ev->bytes == 0)
        ev->bytes = len;
      return;
    }
  ev->bytes_data = g_bytes_new (data, len);
}

static HlEvent *
record_event (HlTlsSession *s, DirState *ds, HlEventKind kind, const Record *rec)
{
  HlEvent *ev = hl_connection_new_event (s->conn, kind, dir_of (s, ds), rec->frame, rec->ts);
  ev->first_frame = rec->first_frame;
  ev->record_version = rec->version;
  ev->encrypted = rec->encrypted;
  ev->decrypted = rec->decrypted;
  return ev;
}

static void
record_fields (HlEvent *ev, const Record *rec, gsize kept)
{
  HlField *root = hl_field_new ("record", NULL, 0, (guint32) kept);
  HlField *f;

  root->value = hl_tls_format_code8 (hl_tls_content_type_name (rec->type), rec->type);
  f = hl_field_add (root, "content_type", NULL, 0, 1);
  f->value = hl_tls_format_code8 (hl_tls_content_type_name (rec->type), rec->type);
  f = hl_field_add (root, "legacy_record_version", NULL, 1, 2);
  f->value = hl_tls_format_version (rec->version);
  hl_field_add_printf (root, 3, 2, "length", "%" G_GSIZE_FORMAT, rec->raw_len - 5);
  hl_field_add_printf (root, 5, (guint32) (kept - 5), "encrypted_record", "%" G_GSIZE_FORMAT " bytes",
                       rec->raw_len - 5);
  ev->fields = root;
}

/* An encrypted record we could not read. */
static void
add_encrypted_event (HlTlsSession *s, DirState *ds, const Record *rec, guint8 tls_type)
{
  HlEvent *ev = record_event (s, ds, HL_EVENT_TLS_ENCRYPTED, rec);
  gsize kept = MIN (rec->raw_avail, MAX_ENCRYPTED_BYTES);

  ev->tls_type = tls_type;
  ev->encrypted = TRUE;
  ev->decrypted = FALSE;
  ev->bytes = rec->raw_len - rec->hdr_len;
  keep_bytes (ev, rec->raw, kept);
  record_fields (ev, rec, kept);
  add_event (s, ev);
}

/* Application data: merged into the event before it (in wire order) when
 * that is a summary, else a new summary. */
static void
add_app_data (HlTlsSession *s, DirState *ds, const Record *rec, gsize bytes)
{
  GPtrArray *events = s->conn->events;
  HlDirection dir = dir_of (s, ds);
  HlEvent *ev = NULL;
  guint i = insertion_point (s, rec->frame);

  if (i > 0)
    {
      HlEvent *prev = g_ptr_array_index (events, i - 1);
      if (prev->kind == HL_EVENT_TLS_APP_DATA)
        ev = prev;
    }
  if (ev == NULL)
    {
      ev = record_event (s, ds, HL_EVENT_TLS_APP_DATA, rec);
      ev = add_event (s, ev);
      if (ev == NULL)
        return;
    }
  ev->count++;
  ev->bytes += bytes;
  ev->app_records[dir]++;
  ev->app_bytes[dir] += bytes;
  ev->last_frame = MAX (ev->last_frame, rec->frame);
  if (rec->encrypted)
    ev->encrypted = TRUE;
  if (rec->decrypted)
    ev->decrypted = TRUE;
}

static void
add_alerts (HlTlsSession *s, DirState *ds, const Record *rec)
{
  HlReader r;

  hl_reader_init (&r, rec->body, rec->body_len);
  while (hl_reader_remaining (&r) >= 2)
    {
      gsize o = hl_reader_offset (&r);
      guint8 level = hl_reader_u8 (&r);
      guint8 desc = hl_reader_u8 (&r);
      HlEvent *ev = record_event (s, ds, HL_EVENT_TLS_ALERT, rec);
      HlField *root, *f;

      ev->alert_level = level;
      ev->tls_type = desc;
      ev->first_frame = frame_at (rec, o);
      keep_bytes (ev, rec->body + o, 2);
      root = hl_field_new ("alert", NULL, 0, 2);
      root->value = hl_tls_format_code8 (hl_tls_alert_name (desc), desc);
      f = hl_field_add (root, "level", NULL, 0, 1);
      f->value = hl_tls_format_code8 (level == 1 ? "warning" : level == 2 ? "fatal" : NULL, level);
      f = hl_field_add (root, "description", NULL, 1, 1);
      f->value = hl_tls_format_code8 (hl_tls_alert_name (desc), desc);
      ev->fields = root;
      add_event (s, ev);
    }
  if (hl_reader_remaining (&r) > 0 || rec->body_len == 0)
    note (s, rec->frame, _("malformed alert record (%u bytes, expected a multiple of 2)"),
          (guint) rec->body_len);
}

static void
add_heartbeat (HlTlsSession *s, DirState *ds, const Record *rec, gboolean readable)
{
  HlEvent *ev = record_event (s, ds, HL_EVENT_TLS_HEARTBEAT, rec);
  gsize kept = MIN (rec->body_len, MAX_ENCRYPTED_BYTES);

  ev->bytes = rec->body_len;
  keep_bytes (ev, rec->body, kept);
  if (readable && rec->body_len >= 3)
    {
      HlField *root = hl_field_new ("heartbeat", NULL, 0, (guint32) kept);
      guint16 plen = (guint16) ((rec->body[1] << 8) | rec->body[2]);
      ev->tls_type = rec->body[0];
      hl_field_add_printf (root, 0, 1, "type", "%s (%u)", rec->body[0] == 1 ? "heartbeat_request" :
                           rec->body[0] == 2 ? "heartbeat_response" : "unknown", rec->body[0]);
      hl_field_add_printf (root, 1, 2, "payload_length", "%u", plen);
      if ((gsize) plen + 3 + 16 > rec->body_len)
        hl_field_add (root, "warning", "payload_length is larger than the record (Heartbleed pattern)", 1, 2);
      ev->fields = root;
    }
  add_event (s, ev);
}

/* ---- client inference ------------------------------------------------------------ */

static void
swap_roles (HlTlsSession *s)
{
  DirState *t = s->d[0];
  s->d[0] = s->d[1];
  s->d[1] = t;
  hl_connection_swap_roles (s->conn);
  s->conn->client_inferred = TRUE;
}

static void
maybe_infer_client (HlTlsSession *s, DirState *ds, guint8 type)
{
  HlDirection dir = dir_of (s, ds);
  HlTlsInfo *tls = s->conn->tls;

  if (s->roles_decided || !s->conn->started_late)
    return;
  if (type == HL_HS_CLIENT_HELLO && tls->n_client_hellos == 0)
    {
      s->roles_decided = TRUE;
      s->conn->client_inferred = TRUE;
      if (dir == HL_DIR_S2C)
        swap_roles (s);
    }
  else if ((type == HL_HS_SERVER_HELLO || type == HL_HS_CERTIFICATE) &&
           tls->n_client_hellos == 0 && !s->server_hello_seen)
    {
      s->roles_decided = TRUE;
      s->conn->client_inferred = TRUE;
      if (dir == HL_DIR_C2S)
        swap_roles (s);
    }
}

/* ---- handshake messages ------------------------------------------------------------ */

static void
note_malformed (HlTlsSession *s, guint64 frame, guint8 type, gboolean hrr, const char *what, gsize offset)
{
  const char *name = hl_tls_handshake_name (type, hrr);
  char buf[32];
  if (name == NULL)
    {
      g_snprintf (buf, sizeof buf, "handshake message %u", type);
      name = buf;
    }
  /* TRANSLATORS: "malformed client_hello (truncated: ..., offset 67)" */
  note (s, frame, _("malformed %s (%s, offset %u)"), name, what, (guint) offset);
}

/* ---- TLS <= 1.2 session resumption ---------------------------------------------------
 * A resumed session reuses the master secret of the connection that
 * created it, but key logs list it under that connection's client random
 * only (Wireshark keeps a session cache for this).  Process-wide, remember
 * which client random a session id or ticket came from -- no secrets, just
 * randoms, bounded -- and when a later connection resumes it, copy the
 * master secret in the key log to the new client random. */

#define MAX_SESSIONS 16384

typedef struct {
  guint8 key[32];      /* SHA-256 of kind + session id or ticket */
  guint8 random[32];   /* the client random that session was created under */
} SessionEntry;

G_LOCK_DEFINE_STATIC (sessions);
static GHashTable *sessions;
static GQueue sessions_order = G_QUEUE_INIT;

static guint
session_hash (gconstpointer p)
{
  const guint8 *k = p;
  return (guint) k[0] | ((guint) k[1] << 8) | ((guint) k[2] << 16) | ((guint) k[3] << 24);
}

static gboolean
session_equal (gconstpointer a, gconstpointer b)
{
  return memcmp (a, b, 32) == 0;
}

/* The session table's key: SHA-256 (kind || id).  GnuTLS's hash (the
 * CPU's SHA instructions where it has them, no allocation for a short id)
 * instead of GChecksum, which was 2% of a run on short connections. */
static void
session_key (char kind, const guint8 *id, gsize len, guint8 out[32])
{
  guint8 local[256];
  guint8 *in = len < sizeof local ? local : g_malloc (len + 1);

  in[0] = (guint8) kind;
  memcpy (in + 1, id, len);
  if (gnutls_hash_fast (GNUTLS_DIG_SHA256, in, len + 1, out) < 0)
    {
      /* cannot happen with SHA-256 (if it did, such ids would share
       * this one key) */
      memset (out, 0, 32);
      out[0] = (guint8) kind;
    }
  if (in != local)
    g_free (in);
}

static void
sessions_remember (const guint8 key[32], const guint8 random[32])
{
  SessionEntry *e;

  G_LOCK (sessions);
  if (sessions == NULL)
    sessions = g_hash_table_new_full (session_hash, session_equal, NULL, g_free);
  e = g_hash_table_lookup (sessions, key);
  if (e == NULL)
    {
      if (g_queue_get_length (&sessions_order) >= MAX_SESSIONS)
        g_hash_table_remove (sessions, g_queue_pop_head (&sessions_order));
      e = g_new (SessionEntry, 1);
      memcpy (e->key, key, 32);
      g_hash_table_insert (sessions, e->key, e);
      g_queue_push_tail (&sessions_order, e->key);
    }
  memcpy (e->random, random, 32);
  G_UNLOCK (sessions);
}

static gboolean
sessions_lookup (const guint8 key[32], guint8 random[32])
{
  SessionEntry *e = NULL;

  G_LOCK (sessions);
  if (sessions)
    e = g_hash_table_lookup (sessions, key);
  if (e)
    memcpy (random, e->random, 32);
  G_UNLOCK (sessions);
  return e != NULL;
}

/* Copies the master secret of the session `key` names to this
 * connection's client random.  TRUE when the key log now has it. */
static gboolean
resume_keys (HlTlsSession *s, const guint8 key[32], guint64 frame)
{
  guint8 origin[32];
  const guint8 *master;
  gsize n = 0;

  if (s->keylog == NULL || hl_keylog_lookup (s->keylog, "CLIENT_RANDOM", s->client_random, &n))
    return FALSE;
  if (!sessions_lookup (key, origin) || memcmp (origin, s->client_random, 32) == 0)
    return FALSE;
  master = hl_keylog_lookup (s->keylog, "CLIENT_RANDOM", origin, &n);
  if (master == NULL)
    return FALSE;
  hl_keylog_add_secret (s->keylog, "CLIENT_RANDOM", s->client_random, master, n);
  note (s, frame, _("resumed session: its keys come from the key log entry of the connection that "
                    "created it"));
  return TRUE;
}

static void
apply_client_hello (HlTlsSession *s, DirState *ds, HlTlsHandshake *hs, const Record *rec,
                    const guint8 *msg, gsize len)
{
  HlTlsInfo *tls = s->conn->tls;
  HlClientHelloInfo *ch = hs->client_hello;

  if (ch == NULL)
    return;
  ch->frame = rec->frame;
  if (tls->n_client_hellos > 0 && !s->tls13 && tls->client_finished && tls->server_finished)
    tls->renegotiated = TRUE;
  tls->n_client_hellos++;
  memcpy (s->client_random, ch->random, 32);
  s->ch_sid_set = ch->session_id_len > 0;
  if (s->ch_sid_set)
    session_key ('S', ch->session_id, ch->session_id_len, s->ch_sid_key);
  s->ch_ticket_set = hs->data_length > 0 && (gsize) hs->data_offset + hs->data_length <= len;
  if (s->ch_ticket_set)
    session_key ('T', msg + hs->data_offset, hs->data_length, s->ch_ticket_key);
  for (guint i = 0; i < ch->supported_versions->len; i++)
    if (is_tls13_version (ch->supported_versions->data[i]))
      s->client_offers13 = TRUE;
  s->client_early_data = ch->has_early_data;

  /* a new handshake */
  s->hs_server_hello = FALSE;
  s->hs_server_hello_done = FALSE;
  s->hs_ske = FALSE;
  s->hs_kex = HL_TLS_KEX_UNKNOWN;

  if (tls->client_hello == NULL)
    tls->client_hello = g_steal_pointer (&hs->client_hello);
  else if (s->hrr && tls->client_hello2 == NULL)
    tls->client_hello2 = g_steal_pointer (&hs->client_hello);
}

static void
apply_server_hello (HlTlsSession *s, DirState *ds, HlTlsHandshake *hs, const Record *rec,
                    const guint8 *msg, gsize len)
{
  HlTlsInfo *tls = s->conn->tls;
  HlServerHelloInfo *sh = hs->server_hello;
  guint16 version;

  if (sh == NULL)
    {
      hl_tls_crypto_add_handshake (s->crypto, msg, len);
      return;
    }
  sh->frame = rec->frame;
  if (hs->hrr)
    {
      hl_tls_crypto_note_hrr (s->crypto, sh->cipher_suite);
      hl_tls_crypto_add_handshake (s->crypto, msg, len);
      s->hrr = TRUE;
      if (tls->hello_retry == NULL)
        tls->hello_retry = g_steal_pointer (&hs->server_hello);
      return;
    }

  hl_tls_crypto_add_handshake (s->crypto, msg, len);
  version = sh->selected_version ? sh->selected_version : sh->legacy_version;
  s->hs_server_hello = TRUE;
  if (!s->server_hello_seen)
    {
      s->server_hello_seen = TRUE;
      s->version = version;
      s->tls13 = is_tls13_version (version);
      s->tag_len = sh->cipher_suite == 0x1305 ? 8 : 16;
      s->hash_len = sh->cipher_suite == 0x1302 ? 48 : 32;
      tls->version = version;
      tls->cipher_suite = sh->cipher_suite;
      tls->has_cipher = TRUE;
      if (s->tls13 && sh->has_psk)
        tls->resumed = TRUE;
    }
  if (!s->tls13 && sh->session_id_len > 0)
    {
      guint8 key[32];
      session_key ('S', sh->session_id, sh->session_id_len, key);
      /* the server echoes the client's session id: a resumption */
      if (s->ch_sid_set && memcmp (key, s->ch_sid_key, 32) == 0)
        resume_keys (s, key, rec->frame);
      sessions_remember (key, s->client_random);
    }
  s->sh_suite = sh->cipher_suite;
  memcpy (s->sh_random, sh->random, 32);
  s->sh_etm = sh->has_etm;
  s->sh_ems = sh->has_ems;
  hl_tls_crypto_set_params (s->crypto, s->tls13 ? 0x0304 : version, sh->cipher_suite,
                            s->client_random, sh->random, sh->has_etm, sh->has_ems);
  if (tls->server_hello == NULL)
    tls->server_hello = g_steal_pointer (&hs->server_hello);
}

static void
apply_encrypted_extensions (HlTlsSession *s, DirState *ds, HlTlsHandshake *hs)
{
  HlTlsInfo *tls = s->conn->tls;

  if (hs->server_hello && hs->server_hello->alpn && tls->server_hello && tls->server_hello->alpn == NULL)
    tls->server_hello->alpn = g_steal_pointer (&hs->server_hello->alpn);
}

static void
apply_certificate (HlTlsSession *s, DirState *ds, HlTlsHandshake *hs, const Record *rec)
{
  HlTlsInfo *tls = s->conn->tls;
  HlDirection dir = dir_of (s, ds);

  if (hs->certificates_capped)
    note (s, rec->frame, _("the Certificate message has %u certificates; only the first %u (each at "
                           "most 64 KiB) were read"), hs->n_certificates, HL_TLS_MAX_CERTIFICATES);
  if (dir == HL_DIR_S2C)
    {
      if (!s->server_cert_seen && hs->certificates)
        {
          g_ptr_array_extend_and_steal (tls->server_certificates, g_steal_pointer (&hs->certificates));
          tls->server_certificate_frame = rec->frame;
        }
      s->server_cert_seen = TRUE;
    }
  else
    {
      tls->client_certificate_sent = TRUE;
      if (!s->client_cert_seen && hs->certificates)
        {
          g_ptr_array_extend_and_steal (tls->client_certificates, g_steal_pointer (&hs->certificates));
          tls->client_certificate_frame = rec->frame;
        }
      s->client_cert_seen = TRUE;
    }
}

static void
apply_finished (HlTlsSession *s, DirState *ds, HlTlsHandshake *hs, const Record *rec,
                const guint8 *msg, gsize len)
{
  HlTlsInfo *tls = s->conn->tls;
  HlDirection dir = dir_of (s, ds);

  if (rec->decrypted && hs->data_length > 0 && (gsize) hs->data_offset + hs->data_length <= len)
    {
      int ok = hl_tls_crypto_verify_finished (s->crypto, dir, msg + hs->data_offset, hs->data_length);
      if (ok == 0)
        {
          note (s, rec->frame, dir == HL_DIR_C2S
                ? _("the client's Finished does not match the handshake: wrong keys or messages missing")
                : _("the server's Finished does not match the handshake: wrong keys or messages missing"));
          if (!tls->renegotiated)
            tls->keylog = HL_KEYLOG_MISMATCH;
        }
    }
  hl_tls_crypto_add_handshake (s->crypto, msg, len);
  set_finished (s, ds);
  if (s->tls13)
    hl_tls_crypto_handshake_done (s->crypto, dir);
}

/* The key exchange of the negotiated suite, from its IANA name. */
static HlTlsKex
kex_of_suite (const HlTlsInfo *tls)
{
  const char *name = tls->has_cipher ? hl_tls_cipher_suite_name (tls->cipher_suite) : NULL;

  if (name == NULL)
    return HL_TLS_KEX_UNKNOWN;
  if (g_str_has_prefix (name, "TLS_ECDHE_") || g_str_has_prefix (name, "TLS_ECDH_"))
    return HL_TLS_KEX_ECDHE;
  if (g_str_has_prefix (name, "TLS_DHE_") || g_str_has_prefix (name, "TLS_DH_"))
    return HL_TLS_KEX_DHE;
  if (g_str_has_prefix (name, "TLS_RSA_") || g_str_has_prefix (name, "SSL_RSA_"))
    return HL_TLS_KEX_RSA;
  return HL_TLS_KEX_UNKNOWN;
}

static void
handle_message (HlTlsSession *s, DirState *ds, const Record *rec, const guint8 *msg, gsize len,
                guint64 first_frame)
{
  HlTlsInfo *tls = s->conn->tls;
  g_autoptr(HlTlsHandshake) hs = NULL;
  HlTlsHandshakeContext ctx = { 0 };
  HlDirection dir;
  HlEvent *ev;
  guint8 type = msg[0];

  maybe_infer_client (s, ds, type);
  dir = dir_of (s, ds);
  if (!rec->encrypted && type != HL_HS_CLIENT_HELLO && type != HL_HS_SERVER_HELLO)
    s->tls12_evidence = TRUE;

  ctx.dir = dir;
  ctx.version = s->version;
  ctx.tls13 = s->tls13;
  ctx.kex = s->hs_ske ? s->hs_kex : kex_of_suite (tls);
  hs = hl_tls_handshake_parse (msg, len, &ctx);
  if (hs->error)
    note_malformed (s, rec->frame, type, hs->hrr, hs->error, hs->error_offset);

  ev = record_event (s, ds, HL_EVENT_TLS_HANDSHAKE, rec);
  ev->first_frame = first_frame;
  ev->tls_type = type;
  ev->hrr = hs->hrr;
  ev->bytes = len;
  keep_bytes (ev, msg, len);
  ev->fields = g_steal_pointer (&hs->fields);

  switch (type)
    {
    case HL_HS_CLIENT_HELLO:
      hl_tls_crypto_add_handshake (s->crypto, msg, len);
      apply_client_hello (s, ds, hs, rec, msg, len);
      break;
    case HL_HS_SERVER_HELLO:
      apply_server_hello (s, ds, hs, rec, msg, len);
      break;
    case HL_HS_ENCRYPTED_EXTENSIONS:
      hl_tls_crypto_add_handshake (s->crypto, msg, len);
      apply_encrypted_extensions (s, ds, hs);
      break;
    case HL_HS_CERTIFICATE:
      hl_tls_crypto_add_handshake (s->crypto, msg, len);
      apply_certificate (s, ds, hs, rec);
      break;
    case HL_HS_SERVER_KEY_EXCHANGE:
      hl_tls_crypto_add_handshake (s->crypto, msg, len);
      s->hs_ske = TRUE;
      s->hs_kex = hs->kex;
      break;
    case HL_HS_CERTIFICATE_REQUEST:
      hl_tls_crypto_add_handshake (s->crypto, msg, len);
      tls->client_certificate_requested = TRUE;
      break;
    case HL_HS_SERVER_HELLO_DONE:
      hl_tls_crypto_add_handshake (s->crypto, msg, len);
      s->hs_server_hello_done = TRUE;
      break;
    case HL_HS_CLIENT_KEY_EXCHANGE:
      hl_tls_crypto_add_handshake (s->crypto, msg, len);
      if (hs->data_length > 0 && (gsize) hs->data_offset + hs->data_length <= len)
        hl_tls_crypto_set_encrypted_premaster (s->crypto, msg + hs->data_offset, hs->data_length);
      break;
    case HL_HS_FINISHED:
      apply_finished (s, ds, hs, rec, msg, len);
      break;
    case HL_HS_NEW_SESSION_TICKET:
      hl_tls_crypto_add_handshake (s->crypto, msg, len);
      if (!s->tls13 && hs->data_length > 0 && (gsize) hs->data_offset + hs->data_length <= len)
        {
          guint8 key[32];
          session_key ('T', msg + hs->data_offset, hs->data_length, key);
          sessions_remember (key, s->client_random);
        }
      break;
    case HL_HS_KEY_UPDATE:
      hl_tls_crypto_add_handshake (s->crypto, msg, len);
      if (hs->key_update_request >= 0)
        hl_tls_crypto_key_update (s->crypto, dir);
      break;
    case HL_HS_COMPRESSED_CERTIFICATE:
      hl_tls_crypto_add_handshake (s->crypto, msg, len);
      note (s, rec->frame, _("the certificate chain is compressed (RFC 8879) and is not decompressed"));
      if (dir == HL_DIR_S2C)
        s->server_cert_seen = TRUE;
      else
        tls->client_certificate_sent = TRUE;
      break;
    default:
      hl_tls_crypto_add_handshake (s->crypto, msg, len);
      break;
    }
  add_event (s, ev);
}

/* Handshake bytes of one record (plaintext or decrypted). */
static void
feed_handshake (HlTlsSession *s, DirState *ds, const Record *rec)
{
  const guint8 *body = rec->body;
  gsize len = rec->body_len, pos = 0;

  while (pos < len)
    {
      if (ds->hs_skip > 0)
        {
          gsize take = MIN (ds->hs_skip, len - pos);
          ds->hs_skip -= take;
          pos += take;
          continue;
        }
      if (HS_LEN (ds) == 0)
        {
          gsize left = len - pos;
          if (left >= 4)
            {
              gsize mlen = get_u24 (body + pos + 1);
              if (mlen > MAX_MESSAGE)
                {
                  note (s, rec->frame, _("a handshake message of type %u claims %u bytes, more than "
                                         "256 KiB: skipped"), body[pos], (guint) mlen);
                  ds->hs_skip = 4 + mlen;
                  continue;
                }
              if (4 + mlen <= left)
                {
                  handle_message (s, ds, rec, body + pos, 4 + mlen, frame_at (rec, pos));
                  pos += 4 + mlen;
                  continue;
                }
            }
          ds->hs_first_frame = frame_at (rec, pos);
          if (ds->hs == NULL)
            ds->hs = g_byte_array_new ();   /* the first message that spans records */
          g_byte_array_append (ds->hs, body + pos, (guint) left);
          pos = len;
        }
      else
        {
          gsize mlen, need, take;
          if (HS_LEN (ds) < 4)
            {
              take = MIN (4 - HS_LEN (ds), len - pos);
              g_byte_array_append (ds->hs, body + pos, (guint) take);
              pos += take;
              if (HS_LEN (ds) < 4)
                continue;
            }
          mlen = get_u24 (ds->hs->data + 1);
          if (mlen > MAX_MESSAGE)
            {
              note (s, rec->frame, _("a handshake message of type %u claims %u bytes, more than "
                                     "256 KiB: skipped"), ds->hs->data[0], (guint) mlen);
              ds->hs_skip = 4 + mlen - HS_LEN (ds);
              g_byte_array_set_size (ds->hs, 0);
              continue;
            }
          need = 4 + mlen - HS_LEN (ds);
          take = MIN (need, len - pos);
          g_byte_array_append (ds->hs, body + pos, (guint) take);
          pos += take;
          if (HS_LEN (ds) == 4 + mlen)
            {
              handle_message (s, ds, rec, ds->hs->data, HS_LEN (ds), ds->hs_first_frame);
              g_byte_array_set_size (ds->hs, 0);
            }
        }
    }
}

static void
drop_partial_message (HlTlsSession *s, DirState *ds, guint64 frame, const char *why)
{
  if (HS_LEN (ds) > 0 || ds->hs_skip > 0)
    {
      if (HS_LEN (ds) > 0)
        note (s, frame, _("an unfinished handshake message (type %u, %u bytes so far) was dropped: %s"),
              ds->hs->data[0], HS_LEN (ds), why);
      if (ds->hs)
        g_byte_array_set_size (ds->hs, 0);
      ds->hs_skip = 0;
    }
}

/* ---- records ------------------------------------------------------------------------ */

static void
handle_ccs (HlTlsSession *s, DirState *ds, const Record *rec)
{
  HlDirection dir = dir_of (s, ds);
  HlTlsInfo *tls = s->conn->tls;
  HlEvent *ev = record_event (s, ds, HL_EVENT_TLS_CCS, rec);
  HlField *root;

  keep_bytes (ev, rec->body, MIN (rec->body_len, 16));
  root = hl_field_new ("change_cipher_spec", NULL, 0, (guint32) MIN (rec->body_len, 16));
  if (rec->body_len >= 1)
    hl_field_add_printf (root, 0, 1, "type", "%u", rec->body[0]);
  ev->fields = root;
  add_event (s, ev);
  if ((rec->body_len != 1 || rec->body[0] != 1) && !(rec->encrypted && !rec->decrypted))
    note (s, rec->frame, _("malformed ChangeCipherSpec (%u bytes)"), (guint) rec->body_len);

  ds->ccs_seen = TRUE;
  /* TLS 1.3 middlebox compatibility: a no-op */
  if (s->tls13 || (!s->server_hello_seen && s->client_offers13 && !s->tls12_evidence))
    return;

  drop_partial_message (s, ds, rec->frame, _("the keys changed"));
  ds->encrypted = TRUE;
  if (dir == HL_DIR_S2C && s->hs_server_hello && !s->hs_server_hello_done && tls->n_client_hellos <= 1)
    {
      tls->resumed = TRUE;   /* abbreviated handshake: no Certificate/ServerHelloDone */
      /* resumed from a ticket: the keys are those of the ticket's session */
      if (s->ch_ticket_set && resume_keys (s, s->ch_ticket_key, rec->frame))
        hl_tls_crypto_set_params (s->crypto, s->version, s->sh_suite, s->client_random,
                                  s->sh_random, s->sh_etm, s->sh_ems);
    }
  hl_tls_crypto_activate (s->crypto, dir);
}

static void dispatch_plain (HlTlsSession *s, DirState *ds, const Record *rec);

static gboolean
can_decrypt (HlTlsSession *s, DirState *ds)
{
  return !s->crypto_off && !ds->crypto_lost && hl_tls_crypto_has_keys (s->crypto, dir_of (s, ds));
}

/* TLS 1.3 0-RTT: the client's records until its Finished may be early
 * data, which the decryptor tries with the early keys and, failing that,
 * counts as early data without touching the handshake sequence. */
static gboolean
in_early_window (HlTlsSession *s, DirState *ds)
{
  return s->client_early_data && dir_of (s, ds) == HL_DIR_C2S && !ds->finished &&
         (s->tls13 || !s->server_hello_seen);
}

/* Decrypts rec into s->plain.  FALSE when not decrypted (the sequence
 * number has advanced either way). */
static gboolean
try_decrypt (HlTlsSession *s, DirState *ds, const Record *rec, guint8 *inner)
{
  HlDirection dir = dir_of (s, ds);
  HlTlsInfo *tls = s->conn->tls;
  HlDecryptResult res;

  if (!can_decrypt (s, ds))
    {
      hl_tls_crypto_skip_record (s->crypto, dir);
      return FALSE;
    }
  if (rec->raw_avail < rec->raw_len)
    {
      /* its keys came while it was arriving, after its body was skipped */
      note (s, rec->frame, _("a record arrived while its keys were still unknown and was not kept; "
                             "it is shown encrypted"));
      hl_tls_crypto_skip_record (s->crypto, dir);
      return FALSE;
    }
  if (s->plain == NULL)
    s->plain = g_byte_array_new ();   /* only sessions with keys decrypt */
  g_byte_array_set_size (s->plain, 0);
  res = hl_tls_crypto_decrypt (s->crypto, dir, rec->type, rec->version, rec->body, rec->body_len,
                               inner, s->plain);
  switch (res)
    {
    case HL_DECRYPT_OK:
      s->decrypt_ok = TRUE;
      tls->decrypted = TRUE;
      if (tls->keylog != HL_KEYLOG_MISMATCH)
        tls->keylog = HL_KEYLOG_MATCHED;
      return TRUE;
    case HL_DECRYPT_AUTH_FAILED:
      if (in_early_window (s, ds))
        return FALSE;   /* early data we cannot read */
      if (!s->decrypt_ok)
        {
          tls->keylog = HL_KEYLOG_MISMATCH;
          s->crypto_off = TRUE;
          note (s, rec->frame, _("the key log has secrets for this connection but they do not decrypt "
                                 "it (authentication failed)"));
        }
      else
        {
          if (!s->noted_auth)
            note (s, rec->frame, dir == HL_DIR_C2S
                  ? _("a record from the client failed authentication; the client's records are no "
                      "longer decrypted")
                  : _("a record from the server failed authentication; the server's records are no "
                      "longer decrypted"));
          s->noted_auth = TRUE;
          ds->crypto_lost = TRUE;
        }
      return FALSE;
    case HL_DECRYPT_UNSUPPORTED:
      if (!s->noted_unsupported)
        note (s, rec->frame, _("the cipher suite cannot be decrypted by this build"));
      s->noted_unsupported = TRUE;
      s->crypto_off = TRUE;
      return FALSE;
    case HL_DECRYPT_MALFORMED:
      note (s, rec->frame, _("encrypted record of %u bytes is too short for the cipher"),
            (guint) rec->body_len);
      return FALSE;
    case HL_DECRYPT_NO_KEY:
    default:
      return FALSE;
    }
}

static void
dispatch_decrypted (HlTlsSession *s, DirState *ds, const Record *rec, guint8 inner)
{
  Record plain = *rec;
  plain.type = inner;
  plain.body = s->plain->data;
  plain.body_len = s->plain->len;
  plain.encrypted = TRUE;
  plain.decrypted = TRUE;
  if (inner == HL_TLS_CT_APPLICATION_DATA)
    {
      /* count what was on the wire, like undecrypted records */
      add_app_data (s, ds, &plain, rec->body_len);
      return;
    }
  /* the plaintext stays valid: nothing below decrypts another record */
  dispatch_plain (s, ds, &plain);
}

/* TLS 1.3: an encrypted record of the handshake phase that we cannot read. */
static void
undecrypted_tls13 (HlTlsSession *s, DirState *ds, const Record *rec)
{
  HlDirection dir = dir_of (s, ds);
  gsize len = rec->body_len;
  gsize tag = s->tag_len ? s->tag_len : 16;
  gsize fin_len = 4 + (s->hash_len ? s->hash_len : 32) + 1 + tag;
  guint8 guess;

  s->conn->tls->encrypted_handshake = TRUE;
  if (len <= 4 + tag)
    guess = HL_TLS_CT_ALERT;
  else if (dir == HL_DIR_C2S && len <= 40)
    guess = HL_TLS_CT_APPLICATION_DATA;   /* cannot tell */
  else
    guess = HL_TLS_CT_HANDSHAKE;

  /* the client answers only after the server's Finished */
  if (dir == HL_DIR_C2S && guess != HL_TLS_CT_ALERT && !s->d[HL_DIR_S2C]->finished)
    set_finished (s, s->d[HL_DIR_S2C]);

  add_encrypted_event (s, ds, rec, guess);
  if (guess == HL_TLS_CT_HANDSHAKE && len == fin_len && (dir == HL_DIR_C2S || ds->n_enc_hs >= 1))
    set_finished (s, ds);
  if (guess != HL_TLS_CT_ALERT)
    ds->n_enc_hs++;
}

/* After the handshake: application data, or an alert-sized record. */
static void
undecrypted_after_handshake (HlTlsSession *s, DirState *ds, const Record *rec)
{
  gsize tag = s->tag_len ? s->tag_len : 16;
  if (s->tls13 && rec->body_len == 3 + tag)
    add_encrypted_event (s, ds, rec, HL_TLS_CT_ALERT);
  else
    add_app_data (s, ds, rec, rec->body_len);
}

static void
handle_encrypted_tls13 (HlTlsSession *s, DirState *ds, const Record *rec)
{
  DirState *c = s->d[HL_DIR_C2S];
  guint8 inner = 0;
  gboolean hs_phase;

  /* the server sending after the client's flight: that flight was complete */
  if (dir_of (s, ds) == HL_DIR_S2C && c->n_enc_hs > 0 && !c->finished)
    set_finished (s, c);

  hs_phase = !ds->finished;
  if (!hs_phase)
    ds->n_post_hs++;
  if (hs_phase || rec->body_len <= TLS13_DECRYPT_MAX || ds->n_post_hs <= TLS13_DECRYPT_FIRST ||
      !hl_tls_crypto_can_skip (s->crypto, dir_of (s, ds)))
    {
      gboolean attempted = can_decrypt (s, ds);
      if (try_decrypt (s, ds, rec, &inner))
        {
          dispatch_decrypted (s, ds, rec, inner);
          return;
        }
      if (attempted && in_early_window (s, ds))
        {
          add_app_data (s, ds, rec, rec->body_len);   /* unreadable 0-RTT data */
          return;
        }
    }
  else
    hl_tls_crypto_skip_record (s->crypto, dir_of (s, ds));

  if (hs_phase)
    undecrypted_tls13 (s, ds, rec);
  else if (!s->d[HL_DIR_C2S]->finished || !s->d[HL_DIR_S2C]->finished)
    {
      /* after this side's Finished but before the other's: a
       * NewSessionTicket or 0.5-RTT data, still part of the handshake's time */
      gsize tag = s->tag_len ? s->tag_len : 16;
      add_encrypted_event (s, ds, rec, rec->body_len <= 4 + tag ? HL_TLS_CT_ALERT : HL_TLS_CT_HANDSHAKE);
    }
  else
    undecrypted_after_handshake (s, ds, rec);
}

static void
handle_encrypted_tls12 (HlTlsSession *s, DirState *ds, const Record *rec)
{
  HlTlsInfo *tls = s->conn->tls;
  HlDirection dir = dir_of (s, ds);
  guint8 inner = 0;

  if (rec->type == HL_TLS_CT_APPLICATION_DATA)
    {
      /* skipped for speed, unless the cipher state needs every record
       * (RC4, SSL 3.0 / TLS 1.0 CBC) */
      if (!hl_tls_crypto_can_skip (s->crypto, dir) && try_decrypt (s, ds, rec, &inner))
        dispatch_decrypted (s, ds, rec, inner);
      else
        {
          if (hl_tls_crypto_can_skip (s->crypto, dir))
            hl_tls_crypto_skip_record (s->crypto, dir);
          add_app_data (s, ds, rec, rec->body_len);
        }
      return;
    }
  if (try_decrypt (s, ds, rec, &inner))
    {
      dispatch_decrypted (s, ds, rec, inner);
      return;
    }
  switch (rec->type)
    {
    case HL_TLS_CT_HANDSHAKE:
      tls->encrypted_handshake = TRUE;
      if (!ds->finished)
        set_finished (s, ds);   /* the first encrypted handshake record is the Finished */
      else if (dir == HL_DIR_C2S && tls->client_finished && tls->server_finished && !tls->renegotiated)
        {
          tls->renegotiated = TRUE;   /* an encrypted ClientHello */
          note (s, rec->frame, _("the client started an encrypted renegotiation"));
        }
      add_encrypted_event (s, ds, rec, HL_TLS_CT_HANDSHAKE);
      break;
    case HL_TLS_CT_HEARTBEAT:
      add_heartbeat (s, ds, rec, FALSE);
      break;
    case HL_TLS_CT_ALERT:
    default:
      add_encrypted_event (s, ds, rec, rec->type);
      break;
    }
}

/* A plausible handshake message header at the start of a record, for
 * connections whose handshake we did not see. */
static gboolean
plausible_handshake (const Record *rec)
{
  static const guint8 known[] = { 0, 1, 2, 4, 8, 11, 12, 13, 14, 15, 16, 20, 22, 24 };
  if (rec->body_len < 4 || memchr (known, rec->body[0], sizeof known) == NULL)
    return FALSE;
  return get_u24 (rec->body + 1) <= MAX_MESSAGE;
}

static void
dispatch_plain (HlTlsSession *s, DirState *ds, const Record *rec)
{
  switch (rec->type)
    {
    case HL_TLS_CT_CHANGE_CIPHER_SPEC:
      handle_ccs (s, ds, rec);
      break;
    case HL_TLS_CT_ALERT:
      add_alerts (s, ds, rec);
      break;
    case HL_TLS_CT_HANDSHAKE:
      feed_handshake (s, ds, rec);
      break;
    case HL_TLS_CT_APPLICATION_DATA:
      add_app_data (s, ds, rec, rec->body_len);
      break;
    case HL_TLS_CT_HEARTBEAT:
      add_heartbeat (s, ds, rec, TRUE);
      break;
    default:
      note (s, rec->frame, _("decrypted record has an unknown content type %u"), rec->type);
      break;
    }
}

static void
process_ssl2_record (HlTlsSession *s, DirState *ds, const Record *rec)
{
  const guint8 *body = rec->body;
  gsize len = rec->body_len;

  if (!ds->any_record && len >= 3 && body[0] == 1 && body[1] == 3 && body[2] <= 4)
    {
      /* SSLv2-compatible ClientHello: its bytes from msg_type on are what
       * the handshake transcript hashes */
      g_autoptr(HlTlsHandshake) hs = NULL;
      HlEvent *ev;

      ds->any_record = TRUE;
      maybe_infer_client (s, ds, HL_HS_CLIENT_HELLO);
      hs = hl_tls_handshake_parse_ssl2_client_hello (body, len);
      if (hs->error)
        note_malformed (s, rec->frame, HL_HS_CLIENT_HELLO, FALSE, hs->error, hs->error_offset);
      ev = record_event (s, ds, HL_EVENT_TLS_HANDSHAKE, rec);
      ev->tls_type = HL_HS_CLIENT_HELLO;
      ev->ssl2_format = TRUE;
      ev->bytes = len;
      keep_bytes (ev, body, len);
      ev->fields = g_steal_pointer (&hs->fields);
      hl_tls_crypto_add_handshake (s->crypto, body, len);
      apply_client_hello (s, ds, hs, rec, body, len);
      add_event (s, ev);
      return;
    }

  ds->any_record = TRUE;
  ds->mode = MODE_SSL2;
  if (ds->ssl2_events++ < MAX_SSL2_EVENTS)
    {
      HlEvent *ev = record_event (s, ds, HL_EVENT_TLS_SSL2, rec);
      gsize kept = MIN (rec->raw_len, MAX_ENCRYPTED_BYTES);
      ev->tls_type = len > 0 ? body[0] : 0;
      ev->bytes = len;
      keep_bytes (ev, rec->raw, kept);
      add_event (s, ev);
    }
}

static void
process_record (HlTlsSession *s, DirState *ds, Record *rec)
{
  HlTlsInfo *tls = ensure_tls (s, rec->first_frame);

  if (rec->hdr_len != 5)
    {
      process_ssl2_record (s, ds, rec);
      return;
    }
  ds->any_record = TRUE;

  if (rec->type == HL_TLS_CT_CHANGE_CIPHER_SPEC)
    {
      if (!s->tls13 && ds->encrypted)
        {
          /* a renegotiation's CCS is sent under the current keys */
          guint8 inner = 0;
          rec->encrypted = TRUE;
          if (try_decrypt (s, ds, rec, &inner) && inner == HL_TLS_CT_CHANGE_CIPHER_SPEC)
            {
              Record plain = *rec;
              plain.body = s->plain->data;
              plain.body_len = s->plain->len;
              plain.decrypted = TRUE;
              handle_ccs (s, ds, &plain);
              return;
            }
        }
      handle_ccs (s, ds, rec);
      return;
    }

  if (s->tls13)
    {
      if (rec->type == HL_TLS_CT_APPLICATION_DATA)
        {
          rec->encrypted = TRUE;
          handle_encrypted_tls13 (s, ds, rec);
          return;
        }
    }
  else if (ds->encrypted)
    {
      rec->encrypted = TRUE;
      handle_encrypted_tls12 (s, ds, rec);
      return;
    }
  else if (((!s->server_hello_seen && tls->n_client_hellos == 0) || ds->ccs_seen) &&
           HS_LEN (ds) == 0 && ds->hs_skip == 0)
    {
      /* no handshake seen (the capture started late), or after a CCS we
       * took for TLS 1.3's no-op one: records that do not parse as
       * plaintext were encrypted */
      if ((rec->type == HL_TLS_CT_HANDSHAKE && !plausible_handshake (rec)) ||
          (rec->type == HL_TLS_CT_ALERT && rec->body_len != 2))
        {
          rec->encrypted = TRUE;
          if (rec->type == HL_TLS_CT_HANDSHAKE)
            tls->encrypted_handshake = TRUE;
          add_encrypted_event (s, ds, rec, rec->type);
          return;
        }
    }

  if (rec->type == HL_TLS_CT_APPLICATION_DATA)
    {
      /* before any keys: TLS 1.3 early data, or a capture that started late */
      guint8 inner = 0;
      if (in_early_window (s, ds))
        {
          rec->encrypted = TRUE;
          if (try_decrypt (s, ds, rec, &inner))
            {
              dispatch_decrypted (s, ds, rec, inner);
              return;
            }
        }
      add_app_data (s, ds, rec, rec->body_len);
      return;
    }
  dispatch_plain (s, ds, rec);
}

/* ---- record framing -------------------------------------------------------------------- */

/* Total length of the record at p (header included): >0, 0 if more bytes
 * are needed, or -1 when the bytes cannot be a record (direction stopped). */
static gssize
record_length (HlTlsSession *s, DirState *ds, const guint8 *p, gsize n, guint64 frame)
{
  gboolean ssl2 = ds->mode == MODE_SSL2 || (!ds->any_record && (p[0] & 0x80));
  gsize blen;

  if (ssl2)
    {
      gsize hdr = (p[0] & 0x80) ? 2 : 3;
      if (n < hdr)
        return 0;
      blen = (p[0] & 0x80) ? (((gsize) (p[0] & 0x7f) << 8) | p[1]) : (((gsize) (p[0] & 0x3f) << 8) | p[1]);
      return (gssize) (hdr + blen);
    }
  if (n < 5)
    return 0;
  blen = ((gsize) p[3] << 8) | p[4];
  if (p[0] < 20 || p[0] > 24 || p[1] != 3 || p[2] > 4)
    {
      note (s, frame, dir_of (s, ds) == HL_DIR_C2S
            ? _("the client sent bytes that are not a TLS record (%02x %02x %02x %02x %02x); the rest "
                "of its data is not parsed")
            : _("the server sent bytes that are not a TLS record (%02x %02x %02x %02x %02x); the rest "
                "of its data is not parsed"), p[0], p[1], p[2], p[3], p[4]);
      stop_direction (s, ds);
      return -1;
    }
  if (blen > MAX_RECORD_BODY)
    {
      note (s, frame, _("record length %u is larger than TLS allows"), (guint) blen);
      stop_direction (s, ds);
      return -1;
    }
  return (gssize) (5 + blen);
}

static void
init_record (Record *rec, const guint8 *raw, gsize len, gboolean ssl2_hdr, guint64 first_frame,
             guint64 frame, gint64 ts, const FrameMark *marks, guint n_marks)
{
  memset (rec, 0, sizeof *rec);
  rec->raw = raw;
  rec->raw_len = len;
  rec->raw_avail = len;
  if (ssl2_hdr)
    {
      rec->hdr_len = (raw[0] & 0x80) ? 2 : 3;
      rec->type = 0;
      rec->version = 0x0002;
    }
  else
    {
      rec->hdr_len = 5;
      rec->type = raw[0];
      rec->version = (guint16) ((raw[1] << 8) | raw[2]);
    }
  rec->body = raw + rec->hdr_len;
  rec->body_len = len - rec->hdr_len;
  rec->frame = frame;
  rec->first_frame = first_frame;
  rec->ts = ts;
  rec->marks = marks;
  rec->n_marks = n_marks;
}

/* Room for `total` bytes in buf in one allocation (a record that spans
 * segments), instead of one per doubling as its pieces arrive. */
static void
reserve (GByteArray *buf, gsize total)
{
  guint have = buf->len;

  if (total > have)
    {
      g_byte_array_set_size (buf, (guint) total);
      g_byte_array_set_size (buf, have);
    }
}

/* How many bytes of a record that spans segments to keep, from its
 * header: all of them, unless it is application data (wire type) that
 * nobody will decrypt, whose body is only counted (the hex view keeps
 * MAX_ENCRYPTED_BYTES of it, a headless report none).  Large records of
 * bulk transfers and TLS 1.3's encrypted flights are skipped by header
 * arithmetic instead of being copied.  The choice holds until the record
 * is complete: its direction's state does not change meanwhile, and keys
 * that come in the middle find it incomplete (try_decrypt). */
static gsize
record_keep (HlTlsSession *s, DirState *ds, const guint8 *hdr, gboolean ssl2, gsize total)
{
  if (ssl2 || hdr[0] != HL_TLS_CT_APPLICATION_DATA || in_early_window (s, ds) || can_decrypt (s, ds))
    return total;
  return hl_field_discarding () ? 5 : MIN (total, MAX_ENCRYPTED_BYTES);
}

/* Plans the partial record whose header is at hdr: how much of it buf
 * keeps (record_keep), with room for that in one allocation. */
static void
partial_plan (HlTlsSession *s, DirState *ds, const guint8 *hdr, gboolean ssl2, gsize total)
{
  ds->rec_keep = record_keep (s, ds, hdr, ssl2, total);
  reserve (ds->buf, ds->rec_keep);
}

/* Adds up to n bytes of the partial record (total bytes long) to ds:
 * kept in buf up to its rec_keep, counted beyond.  Returns bytes used. */
static gsize
partial_add (DirState *ds, const guint8 *p, gsize n, gsize total)
{
  gsize take = MIN (total - partial_len (ds), n);
  gsize kept = ds->buf->len < ds->rec_keep ? MIN (take, ds->rec_keep - ds->buf->len) : 0;

  g_byte_array_append (ds->buf, p, (guint) kept);
  ds->rec_skipped += take - kept;
  return take;
}

/* The partial record is complete: processes it, and ds is empty again
 * for what follows. */
static void
partial_complete (HlTlsSession *s, DirState *ds, gboolean ssl2, guint64 frame, gint64 ts)
{
  gsize total = partial_len (ds);
  Record rec;

  if (ds->rec_keep < total)
    {
      /* a skipped body: the kept head is copied out and ds->buf keeps its
       * room, so a bulk transfer allocates nothing per record; nobody asks
       * which frame a byte of it came in */
      guint8 head[MAX_ENCRYPTED_BYTES];
      gsize kept = ds->buf->len;   /* <= rec_keep <= MAX_ENCRYPTED_BYTES */

      g_assert (kept <= sizeof head);
      memcpy (head, ds->buf->data, kept);
      partial_reset (ds);
      init_record (&rec, head, total, ssl2, ds->buf_first_frame, frame, ts, NULL, 0);
      rec.raw_avail = kept;
      process_record (s, ds, &rec);
    }
  else
    {
      gsize rec_len;
      guint n_marks = ds->marks->len;
      FrameMark local[8];
      FrameMark *marks = n_marks <= G_N_ELEMENTS (local) ? local : g_new (FrameMark, n_marks);
      /* the record takes the bytes (one allocation, sized by reserve())
       * and a copy of the marks */
      guint8 *data = g_byte_array_steal (ds->buf, &rec_len);

      memcpy (marks, ds->marks->data, n_marks * sizeof *marks);
      partial_reset (ds);
      init_record (&rec, data, rec_len, ssl2, ds->buf_first_frame, frame, ts, marks, n_marks);
      process_record (s, ds, &rec);
      g_free (data);
      if (marks != local)
        g_free (marks);
    }
}

static gsize
feed_records (HlTlsSession *s, DirState *ds, const guint8 *data, gsize len, guint64 frame, gint64 ts)
{
  Mode mode = ds->mode;
  gsize pos = 0;

  while (pos < len && ds->mode == mode)
    {
      const guint8 *p = data + pos;
      gsize n = len - pos;

      if (ds->buf->len == 0)
        {
          gboolean ssl2 = ds->mode == MODE_SSL2 || (!ds->any_record && (p[0] & 0x80));
          gssize total = record_length (s, ds, p, n, frame);
          Record rec;

          if (total < 0)
            break;
          if (total == 0 || (gsize) total > n)
            {
              FrameMark m = { 0, frame, ts };
              if (total > 0)
                {
                  partial_plan (s, ds, p, ssl2, (gsize) total);
                  partial_add (ds, p, n, (gsize) total);
                }
              else
                g_byte_array_append (ds->buf, p, (guint) n);
              g_array_append_val (ds->marks, m);
              ds->buf_first_frame = frame;
              pos = len;
              break;
            }
          init_record (&rec, p, (gsize) total, ssl2, frame, frame, ts, NULL, 0);
          pos += (gsize) total;
          process_record (s, ds, &rec);
        }
      else
        {
          gboolean ssl2 = ds->mode == MODE_SSL2 || (!ds->any_record && (ds->buf->data[0] & 0x80));
          gsize hdr = ssl2 ? 2 : 5;
          gssize total;
          FrameMark m = { (guint32) partial_len (ds), frame, ts };

          if (ds->marks->len == 0 || g_array_index (ds->marks, FrameMark, ds->marks->len - 1).frame != frame)
            g_array_append_val (ds->marks, m);
          if (ds->buf->len < hdr)
            {
              gsize take = MIN (hdr - ds->buf->len, n);
              g_byte_array_append (ds->buf, p, (guint) take);
              pos += take;
              if (ds->buf->len < hdr)
                break;
              continue;
            }
          total = record_length (s, ds, ds->buf->data, ds->buf->len, frame);
          if (total < 0)
            break;
          if (total == 0)
            {
              /* a 3-byte SSLv2 header */
              g_byte_array_append (ds->buf, p, 1);
              pos += 1;
              continue;
            }
          if (ds->rec_keep == 0)
            partial_plan (s, ds, ds->buf->data, ssl2, (gsize) total);   /* the header is complete now */
          pos += partial_add (ds, p, n, (gsize) total);
          if (partial_len (ds) == (gsize) total)
            partial_complete (s, ds, ssl2, frame, ts);
        }
    }
  return pos;
}

/* ---- detection, preamble, resync ------------------------------------------------------ */

typedef enum {
  CLASS_NEED_MORE,
  CLASS_TLS,
  CLASS_SSL2,
  CLASS_PREAMBLE,
  CLASS_NOT_TLS,
} StreamClass;

/* The STARTTLS matcher, made when a stream does not start with TLS. */
static HlStarttls *
starttls (HlTlsSession *s)
{
  if (s->starttls == NULL)
    s->starttls = hl_starttls_new ();
  return s->starttls;
}

static StreamClass
classify (HlTlsSession *s, HlDirection dir, const guint8 *p, gsize n)
{
  gboolean need_more = FALSE;
  HlStarttlsMatch m;

  if (n == 0)
    return CLASS_NEED_MORE;
  if (p[0] >= 20 && p[0] <= 24)
    {
      if (n < 5)
        {
          if (n < 2 || p[1] == 3)
            need_more = TRUE;
        }
      else if (p[1] == 3 && p[2] <= 4)
        return CLASS_TLS;   /* an absurd length is reported by the record layer */
    }
  else if (p[0] & 0x80)
    {
      if (n < 5 || (n < 7 && p[2] == 4 && dir == HL_DIR_S2C))
        need_more = TRUE;
      else if (p[2] == 1 && p[3] == 3 && p[4] <= 4)
        return CLASS_TLS;   /* SSLv2-compatible ClientHello */
      else if ((p[2] == 1 && p[3] == 0 && p[4] == 2) ||
               (p[2] == 4 && dir == HL_DIR_S2C && n >= 7 && p[3] <= 1 && p[5] == 0 && p[6] == 2))
        return CLASS_SSL2;
    }

  if (hl_starttls_get_proto (starttls (s)) != HL_STARTTLS_UNKNOWN)
    return CLASS_PREAMBLE;
  m = hl_starttls_classify (starttls (s), dir, p, n);
  if (m == HL_STARTTLS_MATCH)
    return CLASS_PREAMBLE;
  if (m == HL_STARTTLS_NEED_MORE)
    need_more = TRUE;
  return need_more ? CLASS_NEED_MORE : CLASS_NOT_TLS;
}

/* The first bytes of a non-TLS stream: the event text grows with the
 * bytes of the same frame (however the chunk was cut), then a note says it. */
static void
sample_grow (DirState *ds, const guint8 *p, gsize n)
{
  gsize take = MIN (n, PLAINTEXT_SAMPLE - MIN (ds->sample->len, PLAINTEXT_SAMPLE));
  if (take == 0)
    return;
  g_byte_array_append (ds->sample, p, (guint) take);
  if (ds->sample_event)
    {
      g_free (ds->sample_event->text);
      ds->sample_event->text = hl_starttls_escape (ds->sample->data, ds->sample->len, 200);
    }
}

static void
sample_done (DirState *ds)
{
  gsize line = 0;

  if (ds->sample == NULL)
    return;
  while (line < ds->sample->len && line < 48 && ds->sample->data[line] != '\r' && ds->sample->data[line] != '\n')
    line++;
  g_free (ds->not_tls_text);
  ds->not_tls_text = hl_starttls_escape (ds->sample->data, line, 60);
  g_clear_pointer (&ds->sample, g_byte_array_unref);
  ds->sample_event = NULL;
}

/* Mostly printable ASCII: a text protocol rather than the middle of a
 * binary stream. */
static gboolean
mostly_text (const guint8 *p, gsize n)
{
  gsize m = MIN (n, 64), text = 0;
  for (gsize i = 0; i < m; i++)
    if ((p[i] >= 0x20 && p[i] < 0x7f) || p[i] == '\r' || p[i] == '\n' || p[i] == '\t')
      text++;
  return m > 0 && text * 10 >= m * 9;
}

static void
report_not_tls (HlTlsSession *s, DirState *ds, const guint8 *p, gsize n, guint64 frame, gint64 ts)
{
  HlEvent *ev;

  ds->mode = MODE_IGNORE;
  ds->not_tls = TRUE;
  ds->not_tls_bytes += n;
  if (ds->plaintext_reported || n == 0)
    return;
  ds->plaintext_reported = TRUE;
  ev = hl_connection_new_event (s->conn, HL_EVENT_PLAINTEXT, dir_of (s, ds), frame, ts);
  ev->text = g_strdup ("");
  ds->sample_event = add_event (s, ev);
  ds->sample = g_byte_array_new ();
  ds->sample_frame = frame;
  sample_grow (ds, p, n);
}

static void
start_tls (HlTlsSession *s, DirState *ds, guint64 frame, gint64 ts)
{
  GByteArray *left = ds->buf;

  ds->mode = MODE_TLS;
  ds->not_tls = FALSE;
  g_array_set_size (ds->marks, 0);
  if (left->len == 0)
    return;   /* the usual case: nothing buffered, keep the buffer */
  ds->buf = g_byte_array_new ();
  feed_dir (s, ds, left->data, left->len, frame, ts);
  g_byte_array_unref (left);
}

static gsize
feed_detect (HlTlsSession *s, DirState *ds, const guint8 *data, gsize len, guint64 frame, gint64 ts)
{
  HlDirection dir = dir_of (s, ds);
  const guint8 *p = data;
  gsize n = len, used = 0;
  StreamClass c;

  if (ds->buf->len > 0)
    {
      used = MIN (len, DETECT_MAX - MIN (ds->buf->len, DETECT_MAX));
      g_byte_array_append (ds->buf, data, (guint) used);
      p = ds->buf->data;
      n = ds->buf->len;
    }
  c = classify (s, dir, p, n);
  if (c == CLASS_NEED_MORE && n < DETECT_MAX)
    {
      if (ds->buf->len == 0)
        {
          g_byte_array_append (ds->buf, data, (guint) len);
          ds->buf_first_frame = frame;
          used = len;
        }
      return used;
    }

  switch (c)
    {
    case CLASS_TLS:
      /* start_tls re-feeds buffered bytes; unbuffered ones are re-read */
      start_tls (s, ds, frame, ts);
      return used;
    case CLASS_SSL2:
      {
        GByteArray *left = ds->buf;
        ds->mode = MODE_SSL2;
        ds->buf = g_byte_array_new ();
        if (left->len > 0)
          feed_dir (s, ds, left->data, left->len, frame, ts);
        g_byte_array_unref (left);
        return used;
      }
    case CLASS_PREAMBLE:
      ds->mode = MODE_PREAMBLE;
      if (ds->buf->len > 0)
        preamble_steps (s, ds, frame, ts, FALSE);
      return used;
    case CLASS_NEED_MORE:
    case CLASS_NOT_TLS:
    default:
      if (s->conn->started_late && !mostly_text (p, n))
        {
          /* the capture starts inside the stream, perhaps inside a record */
          GByteArray *left = ds->buf;
          note (s, frame, dir == HL_DIR_C2S
                ? _("the capture starts inside the client's data; looking for a TLS record")
                : _("the capture starts inside the server's data; looking for a TLS record"));
          ds->mode = MODE_RESYNC;
          ds->resync_left = RESYNC_BUDGET;
          ds->buf = g_byte_array_new ();
          if (left->len > 0)
            feed_dir (s, ds, left->data, left->len, frame, ts);
          g_byte_array_unref (left);
          return p == data ? 0 : used;
        }
      report_not_tls (s, ds, p, n, frame, ts);
      if (p == data)
        {
          ds->ignored += len;
          return len;
        }
      ds->ignored += ds->buf->len;
      g_byte_array_set_size (ds->buf, 0);
      return used;
    }
}

static void
go_ahead (HlTlsSession *s, guint64 frame, gint64 ts)
{
  s->starttls_name = hl_starttls_proto_name (hl_starttls_get_proto (starttls (s)));
  if (s->conn->tls && s->conn->tls->starttls == NULL && s->starttls_name)
    s->conn->tls->starttls = g_strdup (s->starttls_name);
  for (guint i = 0; i < 2; i++)
    {
      DirState *ds = s->d[i];
      if (ds->mode == MODE_PREAMBLE || ds->mode == MODE_DETECT)
        {
          GByteArray *left = ds->buf;
          ds->mode = MODE_TLS;
          ds->buf = g_byte_array_new ();
          g_array_set_size (ds->marks, 0);
          if (left->len > 0)
            feed_dir (s, ds, left->data, left->len, frame, ts);
          g_byte_array_unref (left);
        }
    }
}

static void
preamble_over (HlTlsSession *s, const char *why, guint64 frame)
{
  const char *proto = hl_starttls_proto_name (hl_starttls_get_proto (starttls (s)));
  /* TRANSLATORS: "plaintext smtp session without TLS (the server refused TLS)" */
  note (s, frame, _("plaintext %s session without TLS (%s)"), proto ? proto : "?", why);
  for (guint i = 0; i < 2; i++)
    {
      DirState *ds = s->d[i];
      if (ds->mode != MODE_PREAMBLE && ds->mode != MODE_DETECT)
        continue;
      ds->ignored += ds->buf->len;
      g_byte_array_set_size (ds->buf, 0);
      ds->mode = MODE_IGNORE;
      ds->not_tls = TRUE;
      ds->plaintext_reported = TRUE;
    }
}

/* Splits complete steps off ds->buf.  at_end: the stream is over. */
static void
preamble_steps (HlTlsSession *s, DirState *ds, guint64 frame, gint64 ts, gboolean at_end)
{
  while (ds->mode == MODE_PREAMBLE && ds->buf->len > 0)
    {
      HlStarttlsSignal signal;
      char *text = NULL;
      gsize n;

      if (hello_record_start (ds->buf->data, ds->buf->len, dir_of (s, ds)))
        {
          /* TLS without a go-ahead we understood */
          start_tls (s, ds, frame, ts);
          return;
        }
      n = hl_starttls_next_step (starttls (s), dir_of (s, ds), ds->buf->data, ds->buf->len, at_end,
                                 &text, &signal);
      if (n == 0)
        {
          g_free (text);
          if (ds->buf->len > MAX_PREAMBLE_BUFFER)
            preamble_over (s, _("a message too long for a preamble"), frame);
          return;
        }
      add_plaintext_event (s, ds, text, ds->buf_first_frame, frame, ts);
      g_byte_array_remove_range (ds->buf, 0, (guint) n);
      ds->buf_first_frame = frame;

      if (signal == HL_STARTTLS_STEP_GO_AHEAD)
        {
          go_ahead (s, frame, ts);
          return;
        }
      if (signal == HL_STARTTLS_STEP_REFUSED)
        {
          HlStarttlsProto proto = hl_starttls_get_proto (starttls (s));
          if (proto == HL_STARTTLS_POSTGRES || proto == HL_STARTTLS_LDAP || proto == HL_STARTTLS_MYSQL)
            {
              preamble_over (s, _("the server refused TLS"), frame);
              return;
            }
        }
      if (++s->preamble_steps >= MAX_PREAMBLE_STEPS)
        {
          preamble_over (s, _("too many plaintext steps"), frame);
          return;
        }
    }
}

static gsize
feed_preamble (HlTlsSession *s, DirState *ds, const guint8 *data, gsize len, guint64 frame, gint64 ts)
{
  if (ds->buf->len == 0)
    {
      if (hello_record_start (data, len, dir_of (s, ds)))
        {
          start_tls (s, ds, frame, ts);
          return 0;
        }
      ds->buf_first_frame = frame;
    }
  g_byte_array_append (ds->buf, data, (guint) len);
  preamble_steps (s, ds, frame, ts, FALSE);
  return len;
}

/* Drops the first n bytes of the resync window. */
static void
resync_drop (DirState *ds, gsize n)
{
  GArray *kept = g_array_new (FALSE, FALSE, sizeof (FrameMark));

  for (guint k = 0; k < ds->marks->len; k++)
    {
      FrameMark m = g_array_index (ds->marks, FrameMark, k);
      gsize next = k + 1 < ds->marks->len ? g_array_index (ds->marks, FrameMark, k + 1).offset : ds->buf->len;
      if (next <= n && next < ds->buf->len)
        continue;
      m.offset = m.offset > n ? (guint32) (m.offset - n) : 0;
      g_array_append_val (kept, m);
    }
  g_array_unref (ds->marks);
  ds->marks = kept;
  g_byte_array_remove_range (ds->buf, 0, (guint) n);
  ds->ignored += n;
}

/* Records start again at `at` in the window: parse from there, each
 * chunk with its own frame. */
static void
resync_accept (HlTlsSession *s, DirState *ds, gsize at)
{
  GByteArray *buf;
  GArray *marks;

  resync_drop (ds, at);
  buf = ds->buf;
  marks = ds->marks;
  ds->buf = g_byte_array_new ();
  ds->marks = g_array_new (FALSE, FALSE, sizeof (FrameMark));
  ds->mode = MODE_TLS;
  note (s, marks->len ? g_array_index (marks, FrameMark, 0).frame : 0, dir_of (s, ds) == HL_DIR_C2S
        ? _("the client's records resume after the missing bytes")
        : _("the server's records resume after the missing bytes"));
  for (guint k = 0; k < marks->len; k++)
    {
      FrameMark *m = &g_array_index (marks, FrameMark, k);
      gsize next = k + 1 < marks->len ? g_array_index (marks, FrameMark, k + 1).offset : buf->len;
      if (next > m->offset)
        feed_dir (s, ds, buf->data + m->offset, next - m->offset, m->frame, m->ts);
    }
  g_byte_array_unref (buf);
  g_array_unref (marks);
}

/* Looks for a record header followed by another one (or, at the end of
 * the stream, by nothing).  Chunking does not change the result. */
static void
resync_scan (HlTlsSession *s, DirState *ds, gboolean at_end)
{
  const guint8 *b = ds->buf->data;
  gsize n = ds->buf->len, i;

  for (i = 0; i < n; i++)
    {
      gsize total;

      if (i >= ds->resync_left)
        {
          note (s, g_array_index (ds->marks, FrameMark, 0).frame, dir_of (s, ds) == HL_DIR_C2S
                ? _("no TLS record found after the missing bytes; the client's data is not parsed further")
                : _("no TLS record found after the missing bytes; the server's data is not parsed further"));
          ds->ignored += n;
          partial_reset (ds);
          ds->mode = MODE_IGNORE;
          ds->resync_left = 0;
          return;
        }
      if (n - i < 5)
        {
          if (at_end)
            continue;
          break;
        }
      if (!plausible_header (b + i, n - i))
        continue;
      total = 5 + (((gsize) b[i + 3] << 8) | b[i + 4]);
      if (n - i < total + 5)
        {
          if (at_end && n - i == total)
            {
              resync_accept (s, ds, i);
              return;
            }
          if (at_end)
            continue;
          break;   /* wait for the next header */
        }
      if (!plausible_header (b + i + total, 5))
        continue;
      resync_accept (s, ds, i);
      return;
    }
  if (at_end)
    i = n;
  ds->resync_left -= MIN (i, ds->resync_left);
  resync_drop (ds, i);
}

static gsize
feed_resync (HlTlsSession *s, DirState *ds, const guint8 *data, gsize len, guint64 frame, gint64 ts)
{
  FrameMark m = { ds->buf->len, frame, ts };

  if (ds->marks->len == 0 || g_array_index (ds->marks, FrameMark, ds->marks->len - 1).frame != frame)
    g_array_append_val (ds->marks, m);
  g_byte_array_append (ds->buf, data, (guint) len);
  resync_scan (s, ds, FALSE);
  return len;
}

static gsize
feed_ignore (HlTlsSession *s, DirState *ds, const guint8 *data, gsize len, guint64 frame, gint64 ts,
             gboolean chunk_start)
{
  if (ds->sample && frame != ds->sample_frame)
    sample_done (ds);
  if (ds->not_tls && chunk_start && ds->sample == NULL)
    {
      HlDirection dir = dir_of (s, ds);
      gboolean late = hello_record_start (data, len, dir) ||
                      (s->conn->started_late && plausible_chain (data, len));
      if (late)
        {
          char n[24];
          note (s, frame, dir == HL_DIR_C2S
                ? _("TLS starts in the client's data after %s bytes of another protocol")
                : _("TLS starts in the server's data after %s bytes of another protocol"),
                U64 (n, ds->ignored));
          start_tls (s, ds, frame, ts);
          return 0;
        }
    }
  if (ds->sample)
    sample_grow (ds, data, len);
  if (ds->not_tls)
    ds->not_tls_bytes += len;
  ds->ignored += len;
  return len;
}

static void
feed_dir (HlTlsSession *s, DirState *ds, const guint8 *data, gsize len, guint64 frame, gint64 ts)
{
  const guint8 *start = data;
  guint spins = 0;

  while (len > 0)
    {
      Mode before = ds->mode;
      gsize used = 0;

      switch (ds->mode)
        {
        case MODE_DETECT:
          used = feed_detect (s, ds, data, len, frame, ts);
          break;
        case MODE_PREAMBLE:
          used = feed_preamble (s, ds, data, len, frame, ts);
          break;
        case MODE_TLS:
        case MODE_SSL2:
          used = feed_records (s, ds, data, len, frame, ts);
          break;
        case MODE_RESYNC:
          used = feed_resync (s, ds, data, len, frame, ts);
          break;
        case MODE_IGNORE:
          used = feed_ignore (s, ds, data, len, frame, ts, data == start);
          break;
        }
      data += used;
      len -= used;
      /* every pass consumes bytes or changes the mode; never loop forever */
      if (used == 0 && (ds->mode == before || ++spins > 8))
        {
          ds->ignored += len;
          break;
        }
    }
}

/* ---- public API ------------------------------------------------------------------------ */

static void
dir_state_init (DirState *ds)
{
  ds->mode = MODE_DETECT;
  ds->buf = g_byte_array_new ();
  ds->marks = g_array_new (FALSE, FALSE, sizeof (FrameMark));
}

static void
dir_state_free (DirState *ds)
{
  g_free (ds->not_tls_text);
  if (ds->sample)
    g_byte_array_unref (ds->sample);
  g_byte_array_unref (ds->buf);
  g_array_unref (ds->marks);
  g_clear_pointer (&ds->hs, g_byte_array_unref);
}

HlTlsSession *
hl_tls_session_new (HlConnection *conn, HlKeylog *keylog)
{
  /* the session and its two directions in one allocation */
  struct { HlTlsSession s; DirState d[2]; } *block = g_new0 (typeof (*block), 1);
  HlTlsSession *s = &block->s;

  s->conn = conn;
  s->keylog = keylog ? hl_keylog_ref (keylog) : NULL;
  s->crypto = hl_tls_crypto_new (keylog);
  for (int i = 0; i < 2; i++)
    {
      s->d[i] = &block->d[i];
      dir_state_init (s->d[i]);
    }
  return s;
}

void
hl_tls_session_free (HlTlsSession *s)
{
  if (s == NULL)
    return;
  hl_tls_crypto_free (s->crypto);
  if (s->keylog)
    hl_keylog_unref (s->keylog);
  dir_state_free (s->d[0]);
  dir_state_free (s->d[1]);
  g_clear_pointer (&s->starttls, hl_starttls_free);
  g_clear_pointer (&s->plain, g_byte_array_unref);
  g_free (s);
}

void
hl_tls_session_feed (HlTlsSession *s, HlDirection dir, const guint8 *data, gsize len,
                     guint64 frame, gint64 ts_ns)
{
  g_return_if_fail (s != NULL && (dir == HL_DIR_C2S || dir == HL_DIR_S2C));
  if (len == 0)
    return;
  feed_dir (s, s->d[dir], data, len, frame, ts_ns);
}

void
hl_tls_session_gap (HlTlsSession *s, HlDirection dir, guint64 bytes, guint64 frame)
{
  DirState *ds;

  g_return_if_fail (s != NULL && (dir == HL_DIR_C2S || dir == HL_DIR_S2C));
  ds = s->d[dir];
  switch (ds->mode)
    {
    case MODE_TLS:
    case MODE_SSL2:
      {
        char n[24];
        note (s, frame, dir == HL_DIR_C2S
              ? _("%s bytes from the client are missing from the capture; TLS parsing looks for the "
                  "next record")
              : _("%s bytes from the server are missing from the capture; TLS parsing looks for the "
                  "next record"), U64 (n, bytes));
      }
      drop_partial_message (s, ds, frame, _("bytes are missing"));
      ds->ignored += partial_len (ds);
      partial_reset (ds);
      if (ds->encrypted || (s->tls13 && s->server_hello_seen))
        ds->crypto_lost = TRUE;   /* record sequence numbers are unknown now */
      ds->mode = MODE_RESYNC;
      ds->resync_left = RESYNC_BUDGET;
      break;
    case MODE_DETECT:
      partial_reset (ds);
      ds->mode = MODE_RESYNC;
      ds->resync_left = RESYNC_BUDGET;
      break;
    case MODE_PREAMBLE:
      /* lines may be cut; go on with what comes */
      g_byte_array_set_size (ds->buf, 0);
      break;
    case MODE_RESYNC:
      ds->ignored += ds->buf->len;
      partial_reset (ds);
      ds->resync_left = RESYNC_BUDGET;
      break;
    case MODE_IGNORE:
      break;
    }
}

void
hl_tls_session_finish (HlTlsSession *s)
{
  HlTlsInfo *tls;

  g_return_if_fail (s != NULL);
  for (guint i = 0; i < 2; i++)
    {
      DirState *ds = s->d[i];
      HlDirection dir = (HlDirection) i;

      switch (ds->mode)
        {
        case MODE_DETECT:
          if (ds->buf->len > 0)
            {
              GByteArray *b = ds->buf;
              ds->buf = g_byte_array_new ();
              report_not_tls (s, ds, b->data, b->len, ds->buf_first_frame, s->conn->last_ts_ns);
              g_byte_array_unref (b);
            }
          break;
        case MODE_PREAMBLE:
          preamble_steps (s, ds, ds->buf_first_frame, s->conn->last_ts_ns, TRUE);
          break;
        case MODE_TLS:
        case MODE_SSL2:
          if (ds->buf->len > 0)
            note (s, ds->buf_first_frame, dir == HL_DIR_C2S
                  ? _("the client's data ends inside a TLS record (%u bytes of it captured)")
                  : _("the server's data ends inside a TLS record (%u bytes of it captured)"),
                  (guint) partial_len (ds));
          if (HS_LEN (ds) > 0)
            {
              guint32 want = HS_LEN (ds) >= 4 ? get_u24 (ds->hs->data + 1) + 4 : 0;
              note (s, ds->hs_first_frame, dir == HL_DIR_C2S
                    ? _("the client's data ends inside a handshake message (type %u, %u of %u bytes)")
                    : _("the server's data ends inside a handshake message (type %u, %u of %u bytes)"),
                    ds->hs->data[0], HS_LEN (ds), want);
            }
          break;
        case MODE_RESYNC:
          resync_scan (s, ds, TRUE);
          break;
        case MODE_IGNORE:
          break;
        }
      sample_done (ds);
      if (ds->not_tls_text)
        {
          char n[24];
          note (s, ds->sample_frame, dir == HL_DIR_C2S
                ? _("the client sent %s bytes that are not TLS, starting with “%s”")
                : _("the server sent %s bytes that are not TLS, starting with “%s”"),
                U64 (n, ds->not_tls_bytes), ds->not_tls_text);
        }
    }

  tls = s->conn->tls;
  if (tls && tls->keylog == HL_KEYLOG_NONE && tls->encrypted_handshake)
    tls->keylog = HL_KEYLOG_MISSING;
}
