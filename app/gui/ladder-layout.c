/* ladder-layout.c: where everything on a connection's ladder goes. */
#include "config.h"
#include "ladder-layout.h"

#include <glib/gi18n.h>
#include <string.h>
#include "catalog.h"
#include "format.h"
#include "tls-names.h"

/* Row heights in pixels (the view draws text in these boxes). */
#define BAND_HEIGHT       32.0
#define ARROW_PAD          5.0
#define ARROW_LABEL       24.0   /* label line above the arrow */
#define ARROW_SUBLABEL    18.0   /* what-it-does line under the arrow */
#define ARROW_SLANT       14.0
#define SUMMARY_HEIGHT    56.0
#define SILENCE_HEIGHT    44.0
#define FOOTER_HEIGHT     24.0
/* To scale: at most this much extra space for the time before a row; longer
 * waits become silence rows with their duration written out. */
#define MAX_TIME_SPACE    64.0
#define RTT_SPACE         36.0   /* pixels one round trip gets, to scale */
#define MIN_SILENCE_NS    (G_GINT64_CONSTANT (500000000))

#define LEFT_MARGIN       16.0
#define TIME_COLUMN       84.0
#define SPAN_COLUMN      112.0
#define LANE_INSET        28.0

static void
row_clear (gpointer data)
{
  HlLadderRow *row = data;

  g_free (row->label);
  g_free (row->sublabel);
  g_free (row->time_label);
}

static void
span_clear (gpointer data)
{
  HlLadderSpan *span = data;

  g_free (span->label);
}

void
hl_ladder_layout_free (HlLadderLayout *layout)
{
  if (layout == NULL)
    return;
  g_array_unref (layout->rows);
  g_array_unref (layout->spans);
  g_array_unref (layout->step_rows);
  g_free (layout->client_title);
  g_free (layout->client_detail);
  g_free (layout->server_title);
  g_free (layout->server_detail);
  g_free (layout);
}

static gboolean
is_tls_kind (HlEventKind kind)
{
  switch (kind)
    {
    case HL_EVENT_TLS_HANDSHAKE:
    case HL_EVENT_TLS_CCS:
    case HL_EVENT_TLS_ALERT:
    case HL_EVENT_TLS_ENCRYPTED:
    case HL_EVENT_TLS_HEARTBEAT:
    case HL_EVENT_TLS_SSL2:
      return TRUE;
    default:
      return FALSE;
    }
}

static gboolean
is_tcp_setup (HlEventKind kind)
{
  return kind == HL_EVENT_TCP_SYN || kind == HL_EVENT_TCP_SYN_ACK || kind == HL_EVENT_TCP_ACK;
}

static gboolean
is_close (const HlEvent *e)
{
  return e->kind == HL_EVENT_TCP_FIN || e->kind == HL_EVENT_TCP_RST ||
         (e->kind == HL_EVENT_TLS_ALERT && e->tls_type == 0 /* close_notify */);
}

/* Round trips the TLS handshake took: how often a client flight waited for
 * the server, up to application data or the end of the handshake. */
static guint
count_handshake_round_trips (const HlConnection *conn, gboolean *complete)
{
  gboolean last_was_client = FALSE, fin[2] = { FALSE, FALSE };
  guint trips = 0;

  *complete = FALSE;
  for (guint i = 0; i < conn->events->len; i++)
    {
      const HlEvent *e = g_ptr_array_index (conn->events, i);

      if (e->kind == HL_EVENT_TLS_APP_DATA)
        {
          *complete = TRUE;
          break;
        }
      if (!is_tls_kind (e->kind))
        continue;
      if (e->dir == HL_DIR_S2C && last_was_client)
        trips++;
      last_was_client = e->dir == HL_DIR_C2S;
      if (e->kind == HL_EVENT_TLS_HANDSHAKE && e->tls_type == HL_HS_FINISHED)
        fin[e->dir] = TRUE;
      if (fin[0] && fin[1])
        {
          *complete = TRUE;
          break;
        }
    }
  return trips;
}

static guint16
max_offered_version (const HlClientHelloInfo *ch)
{
  guint16 best = 0;

  if (ch->supported_versions->len == 0)
    return ch->legacy_version;
  for (guint i = 0; i < ch->supported_versions->len; i++)
    {
      guint16 v = ch->supported_versions->data[i];
      /* TLS versions are 0x03xx; drafts and GREASE do not count. */
      if (!hl_tls_is_grease (v) && (v >> 8) == 0x03 && v > best)
        best = v;
    }
  return best ? best : ch->legacy_version;
}

/* A few concrete values next to a handshake message's name. */
static char *
handshake_detail (const HlConnection *conn, const HlEvent *e, guint *n_client_hellos,
                  gboolean *seen_server_certificate)
{
  const HlTlsInfo *tls = conn->tls;
  g_autoptr(GPtrArray) parts = g_ptr_array_new_with_free_func (g_free);

  if (tls == NULL)
    return NULL;
  if (e->tls_type == HL_HS_CLIENT_HELLO && e->dir == HL_DIR_C2S)
    {
      const HlClientHelloInfo *ch = (*n_client_hellos)++ == 0 ? tls->client_hello : tls->client_hello2;
      if (ch)
        {
          /* Translators: the highest TLS version a ClientHello offers. */
          g_ptr_array_add (parts, g_strdup_printf (_("up to %s"),
                                                   hl_tls_version_name (max_offered_version (ch))));
          if (ch->sni)
            g_ptr_array_add (parts, g_strdup_printf (_("SNI %s"), ch->sni));
        }
    }
  else if (e->hrr && tls->hello_retry && tls->hello_retry->key_share_group)
    {
      const char *group = hl_tls_group_name (tls->hello_retry->key_share_group);
      if (group)
        /* Translators: a HelloRetryRequest asks the client for this key share group. */
        g_ptr_array_add (parts, g_strdup_printf (_("asks for %s"), group));
    }
  else if (e->tls_type == HL_HS_SERVER_HELLO && !e->hrr && tls->server_hello)
    {
      const HlServerHelloInfo *sh = tls->server_hello;
      guint16 version = sh->selected_version ? sh->selected_version : sh->legacy_version;
      const char *suite = hl_tls_cipher_suite_name (sh->cipher_suite);
      const char *group = sh->key_share_group ? hl_tls_group_name (sh->key_share_group) : NULL;

      g_ptr_array_add (parts, g_strdup (hl_tls_version_name (version)));
      if (suite)
        g_ptr_array_add (parts, g_strdup (suite));
      if (group)
        g_ptr_array_add (parts, g_strdup (group));
    }
  else if (e->tls_type == HL_HS_CERTIFICATE && e->dir == HL_DIR_S2C && !*seen_server_certificate)
    {
      *seen_server_certificate = TRUE;
      if (tls->server_certificates && tls->server_certificates->len > 0)
        {
          const HlCertificate *leaf = g_ptr_array_index (tls->server_certificates, 0);
          guint n = tls->server_certificates->len;
          if (leaf->subject_cn)
            g_ptr_array_add (parts, g_strdup_printf ("CN %s", leaf->subject_cn));
          g_ptr_array_add (parts, g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                                "%u certificate", "%u certificates", n),
                                                   n));
        }
    }
  if (parts->len == 0)
    return NULL;
  g_ptr_array_add (parts, NULL);
  return g_strjoinv (" · ", (char **) parts->pdata);
}

static void
style_row (HlLadderRow *row, const HlEvent *e)
{
  row->tone = HL_LADDER_TONE_NORMAL;
  row->icon = HL_LADDER_ICON_NONE;

  switch (e->kind)
    {
    case HL_EVENT_TCP_RST:
      row->tone = HL_LADDER_TONE_ERROR;
      row->icon = HL_LADDER_ICON_ERROR;
      break;
    case HL_EVENT_TCP_RETRANSMISSION:
      row->tone = HL_LADDER_TONE_MUTED;
      row->ghost = TRUE;
      break;
    case HL_EVENT_TCP_ZERO_WINDOW:
    case HL_EVENT_TLS_SSL2:
      row->tone = HL_LADDER_TONE_WARNING;
      row->icon = HL_LADDER_ICON_WARNING;
      break;
    case HL_EVENT_TCP_GAP:
      row->tone = HL_LADDER_TONE_WARNING;
      row->icon = HL_LADDER_ICON_WARNING;
      row->dashed = TRUE;
      break;
    case HL_EVENT_TLS_HANDSHAKE:
      row->tone = HL_LADDER_TONE_ACCENT;
      break;
    case HL_EVENT_TLS_CCS:
    case HL_EVENT_TLS_HEARTBEAT:
      row->tone = HL_LADDER_TONE_MUTED;
      break;
    case HL_EVENT_TLS_ALERT:
      if (e->alert_level == 2)
        {
          row->tone = HL_LADDER_TONE_ERROR;
          row->icon = HL_LADDER_ICON_ERROR;
        }
      else if (e->tls_type != 0)   /* close_notify is an ordinary goodbye */
        {
          row->tone = HL_LADDER_TONE_WARNING;
          row->icon = HL_LADDER_ICON_WARNING;
        }
      break;
    case HL_EVENT_TLS_ENCRYPTED:
      /* An unreadable alert may well be the reason a connection failed. */
      row->tone = e->tls_type == 21 ? HL_LADDER_TONE_WARNING : HL_LADDER_TONE_MUTED;
      row->icon = HL_LADDER_ICON_LOCKED;
      break;
    case HL_EVENT_TLS_APP_DATA:
      row->icon = e->decrypted ? HL_LADDER_ICON_UNLOCKED : HL_LADDER_ICON_LOCKED;
      break;
    default:
      break;
    }
  if (row->icon == HL_LADDER_ICON_NONE && e->encrypted)
    row->icon = e->decrypted ? HL_LADDER_ICON_UNLOCKED : HL_LADDER_ICON_LOCKED;
}

/* What the event does, in a few words: the first clause of the catalog's
 * beginner explanation ("The server answers with its choices"), which the
 * view ellipsizes to the width between the lifelines. */
static char *
event_sublabel (const HlConnection *conn, const HlEvent *e)
{
  g_autofree char *text = hl_catalog_explain_event (conn, e, HL_REGISTER_BEGINNER);
  const char *end;

  if (text == NULL || *text == '\0')
    return NULL;
  /* Up to the first ". ", ": " or "; " (not the dot in "TLS 1.3"). */
  for (end = text; *end; end++)
    if ((*end == '.' || *end == ':' || *end == ';') && (end[1] == ' ' || end[1] == '\0'))
      break;
  return g_strndup (text, end - text);
}

typedef struct {
  HlLadderLayout *layout;
  double          y;
} Builder;

static HlLadderRow *
append_row (Builder *b, HlLadderRowKind kind, double height)
{
  HlLadderRow row = { 0 };

  row.kind = kind;
  row.step = -1;
  row.y = b->y;
  row.height = height;
  b->y += height;
  g_array_append_val (b->layout->rows, row);
  return &g_array_index (b->layout->rows, HlLadderRow, b->layout->rows->len - 1);
}

static void
append_band (Builder *b, const char *label, char *note, HlLadderTone tone, HlLadderIcon icon)
{
  HlLadderRow *row = append_row (b, HL_LADDER_ROW_BAND, BAND_HEIGHT);

  row->label = g_strdup (label);
  row->time_label = note;
  row->tone = tone;
  row->icon = icon;
}

static void
append_silence (Builder *b, gint64 ns, gboolean answered)
{
  g_autofree char *duration = hl_format_duration (ns);
  HlLadderRow *row = append_row (b, HL_LADDER_ROW_SILENCE, SILENCE_HEIGHT);

  row->tone = answered ? HL_LADDER_TONE_MUTED : HL_LADDER_TONE_WARNING;
  row->label = answered ? g_strdup_printf (_("%s of silence"), duration)
                        : g_strdup_printf (_("%s, no answer"), duration);
}

static gint64
event_ts (const HlConnection *conn, HlEventKind kind)
{
  for (guint i = 0; i < conn->events->len; i++)
    {
      const HlEvent *e = g_ptr_array_index (conn->events, i);
      if (e->kind == kind)
        return e->ts_ns;
    }
  return -1;
}

static int
first_step_of (const HlLadderLayout *layout, HlEventKind kind, HlDirection dir, gboolean any_dir)
{
  for (guint s = 0; s < layout->step_rows->len; s++)
    {
      const HlLadderRow *row = hl_ladder_layout_step_row (layout, s);
      if (row->event->kind == kind && (any_dir || row->event->dir == dir))
        return s;
    }
  return -1;
}

static void
add_span (HlLadderLayout *layout, int from, int to, char *label)
{
  HlLadderSpan span = { from, to, label };

  if (from < 0 || to <= from)
    {
      g_free (label);
      return;
    }
  g_array_append_val (layout->spans, span);
}

static void
add_spans (HlLadderLayout *layout)
{
  int syn = first_step_of (layout, HL_EVENT_TCP_SYN, HL_DIR_C2S, TRUE);
  int ack = first_step_of (layout, HL_EVENT_TCP_ACK, HL_DIR_C2S, TRUE);
  int ch = first_step_of (layout, HL_EVENT_TLS_HANDSHAKE, HL_DIR_C2S, FALSE);
  int answer = -1;

  if (syn >= 0 && ack > syn)
    {
      /* SYN to the third-step ACK is one round trip wherever the capture
       * was taken (near the client the wait is before the SYN-ACK, near the
       * server after it). */
      gint64 ns = hl_ladder_layout_step_row (layout, ack)->event->ts_ns -
                  hl_ladder_layout_step_row (layout, syn)->event->ts_ns;
      g_autofree char *d = hl_format_duration (ns);
      /* Translators: round-trip time, e.g. "RTT 31.2 ms". */
      add_span (layout, syn, ack, g_strdup_printf (_("RTT %s"), d));
    }
  if (ch >= 0)
    {
      for (guint s = ch + 1; s < layout->step_rows->len; s++)
        {
          const HlEvent *e = hl_ladder_layout_step_row (layout, s)->event;
          if (e->dir == HL_DIR_S2C && is_tls_kind (e->kind))
            {
              answer = s;
              break;
            }
        }
      if (answer > ch)
        {
          gint64 ns = hl_ladder_layout_step_row (layout, answer)->event->ts_ns -
                      hl_ladder_layout_step_row (layout, ch)->event->ts_ns;
          g_autofree char *d = hl_format_duration (ns);
          /* Translators: how long the server took to answer the ClientHello. */
          add_span (layout, ch, answer, g_strdup_printf (_("answer %s"), d));
        }
    }
}

/* One round trip, as well as the capture shows it: SYN to the third-step
 * ACK, else the quickest answer from the other side; 0 when nothing was
 * ever answered. */
static gint64
estimate_rtt (const HlConnection *conn)
{
  gint64 syn = event_ts (conn, HL_EVENT_TCP_SYN);
  gint64 ack = event_ts (conn, HL_EVENT_TCP_ACK);
  gint64 best = 0;

  if (syn >= 0 && ack > syn)
    return ack - syn;
  for (guint i = 1; i < conn->events->len; i++)
    {
      const HlEvent *a = g_ptr_array_index (conn->events, i - 1);
      const HlEvent *b = g_ptr_array_index (conn->events, i);
      gint64 dt = b->ts_ns - a->ts_ns;
      if (a->dir != b->dir && dt > 0 && (best == 0 || dt < best))
        best = dt;
    }
  return best;
}

/* Pixels per nanosecond when drawing to scale: one round trip gets
 * RTT_SPACE pixels. */
static double
time_scale_for (gint64 rtt)
{
  rtt = MAX (rtt, 50000);   /* 50 µs: loopback captures */
  return RTT_SPACE / (double) rtt;
}

/* A label on one line: multi-line text (SMTP replies) joined with " ⏎ ". */
static char *
one_line (char *text)
{
  g_auto(GStrv) lines = NULL;
  GString *out;

  if (text == NULL || strpbrk (text, "\r\n") == NULL)
    return text;
  lines = g_strsplit_set (text, "\r\n", -1);
  out = g_string_new (NULL);
  for (guint i = 0; lines[i]; i++)
    {
      if (*lines[i] == '\0')
        continue;
      if (out->len)
        g_string_append (out, " ⏎ ");
      g_string_append (out, lines[i]);
    }
  g_free (text);
  return g_string_free (out, FALSE);
}

HlLadderLayout *
hl_ladder_layout_new (const HlConnection *conn, HlLadderTimeScale scale)
{
  HlLadderLayout *layout = g_new0 (HlLadderLayout, 1);
  Builder b = { layout, HL_LADDER_HEADER_HEIGHT };
  gboolean band_tcp = FALSE, band_text = FALSE, band_tls = FALSE, band_enc = FALSE, band_app = FALSE,
           band_close = FALSE;
  gboolean handshake_complete;
  guint trips = count_handshake_round_trips (conn, &handshake_complete);
  guint n_client_hellos = 0;
  gboolean seen_server_certificate = FALSE;
  gint64 rtt = estimate_rtt (conn);
  double px_per_ns = time_scale_for (rtt);
  gint64 silence_ns = MAX (MIN_SILENCE_NS, 8 * rtt);
  guint n_syn = 0;
  gint64 t0 = 0;

  layout->rows = g_array_new (FALSE, TRUE, sizeof (HlLadderRow));
  g_array_set_clear_func (layout->rows, row_clear);
  layout->spans = g_array_new (FALSE, TRUE, sizeof (HlLadderSpan));
  g_array_set_clear_func (layout->spans, span_clear);
  layout->step_rows = g_array_new (FALSE, FALSE, sizeof (guint));

  layout->client_title = g_strdup (conn->client_inferred ? _("Client (inferred)") : _("Client"));
  layout->client_detail = hl_format_endpoint (&conn->client);
  layout->server_title = g_strdup (_("Server"));
  layout->server_detail = hl_format_endpoint (&conn->server);

  if (conn->events->len > 0)
    t0 = ((const HlEvent *) g_ptr_array_index (conn->events, 0))->ts_ns;

  for (guint i = 0; i < conn->events->len; i++)
    {
      const HlEvent *e = g_ptr_array_index (conn->events, i);
      const HlEvent *prev = i > 0 ? g_ptr_array_index (conn->events, i - 1) : NULL;
      gint64 dt = prev ? e->ts_ns - prev->ts_ns : 0;
      g_autofree char *label = NULL, *detail = NULL;
      HlLadderRow *row;
      guint row_index;

      /* Time first: a long wait becomes its own row, a short one space. */
      if (prev && dt >= silence_ns)
        append_silence (&b, dt, e->dir != prev->dir);
      else if (prev && scale == HL_LADDER_TIME_PROPORTIONAL && dt > 0)
        b.y += MIN (MAX_TIME_SPACE, dt * px_per_ns);

      /* Then the phase this event opens, if any. */
      if (i == 0 && !is_tcp_setup (e->kind) && conn->started_late)
        append_band (&b, _("The capture starts in the middle of this connection"), NULL,
                     HL_LADDER_TONE_WARNING, HL_LADDER_ICON_WARNING);
      if (!band_tcp && is_tcp_setup (e->kind))
        {
          band_tcp = TRUE;
          append_band (&b, _("TCP: opening the connection"), g_strdup (_("three-way handshake")),
                       HL_LADDER_TONE_NORMAL, HL_LADDER_ICON_NONE);
        }
      if (!band_text && e->kind == HL_EVENT_PLAINTEXT && !band_tls)
        {
          band_text = TRUE;
          if (conn->tls && conn->tls->starttls)
            append_band (&b, _("Plain text first"),
                         /* Translators: %s is a protocol, e.g. "smtp". */
                         g_strdup_printf (_("%s, until STARTTLS"), conn->tls->starttls),
                         HL_LADDER_TONE_NORMAL, HL_LADDER_ICON_NONE);
          else
            append_band (&b, _("Plain text, not TLS"), NULL, HL_LADDER_TONE_WARNING,
                         HL_LADDER_ICON_WARNING);
        }
      if (!band_tls && is_tls_kind (e->kind))
        {
          band_tls = TRUE;
          append_band (&b, _("TLS handshake"),
                       handshake_complete && trips > 0
                       ? g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u round trip",
                                                       "%u round trips", trips), trips)
                       : NULL,
                       HL_LADDER_TONE_NORMAL, HL_LADDER_ICON_NONE);
        }
      if (!band_enc && (e->encrypted || e->kind == HL_EVENT_TLS_ENCRYPTED))
        {
          band_enc = TRUE;
          append_band (&b, _("Encrypted from here"),
                       g_strdup (e->decrypted ? _("read with the key log")
                                              : _("no key log: contents hidden")),
                       HL_LADDER_TONE_ACCENT,
                       e->decrypted ? HL_LADDER_ICON_UNLOCKED : HL_LADDER_ICON_LOCKED);
        }
      if (!band_app && e->kind == HL_EVENT_TLS_APP_DATA)
        {
          band_app = TRUE;
          append_band (&b, _("Application data"), NULL, HL_LADDER_TONE_NORMAL, HL_LADDER_ICON_NONE);
        }
      if (!band_close && is_close (e))
        {
          band_close = TRUE;
          if (e->kind == HL_EVENT_TCP_RST)
            append_band (&b, _("Connection reset"), NULL, HL_LADDER_TONE_ERROR, HL_LADDER_ICON_NONE);
          else
            append_band (&b, _("Closing the connection"), NULL, HL_LADDER_TONE_NORMAL,
                         HL_LADDER_ICON_NONE);
        }

      label = one_line (hl_event_label (e));
      if (e->kind == HL_EVENT_TCP_SYN && n_syn++ > 0)
        {
          /* The client knocks again: the earlier SYN got no answer. */
          g_free (label);
          label = g_strdup_printf (_("SYN again (try %u)"), n_syn);
        }
      if (e->kind == HL_EVENT_TLS_HANDSHAKE)
        detail = handshake_detail (conn, e, &n_client_hellos, &seen_server_certificate);

      if (e->kind == HL_EVENT_TLS_APP_DATA)
        row = append_row (&b, HL_LADDER_ROW_SUMMARY, SUMMARY_HEIGHT);
      else
        {
          g_autofree char *sub = event_sublabel (conn, e);
          double h = ARROW_PAD * 2 + ARROW_LABEL + ARROW_SLANT + (sub ? ARROW_SUBLABEL : 6);
          row = append_row (&b, HL_LADDER_ROW_ARROW, h);
          row->sublabel = g_steal_pointer (&sub);
          row->arrow_y = row->y + ARROW_PAD + ARROW_LABEL;
          row->slant = ARROW_SLANT;
        }
      row->event = e;
      row->dir = e->dir;
      row->step = layout->step_rows->len;
      row->label = detail ? g_strdup_printf ("%s · %s", label, detail) : g_steal_pointer (&label);
      {
        g_autofree char *d = hl_format_duration (e->ts_ns - t0);
        row->time_label = i == 0 ? g_strdup (_("0 ms")) : g_strdup_printf ("+%s", d);
      }
      style_row (row, e);
      if (e->kind == HL_EVENT_TCP_SYN && n_syn > 1)
        row->ghost = TRUE;
      row_index = layout->rows->len - 1;
      g_array_append_val (layout->step_rows, row_index);
    }

  b.y += FOOTER_HEIGHT;
  layout->height = b.y;
  add_spans (layout);
  return layout;
}

guint
hl_ladder_layout_n_steps (const HlLadderLayout *layout)
{
  return layout->step_rows->len;
}

const HlLadderRow *
hl_ladder_layout_step_row (const HlLadderLayout *layout, guint step)
{
  g_return_val_if_fail (step < layout->step_rows->len, NULL);
  return &g_array_index (layout->rows, HlLadderRow, g_array_index (layout->step_rows, guint, step));
}

int
hl_ladder_layout_step_at (const HlLadderLayout *layout, double y)
{
  for (guint i = 0; i < layout->rows->len; i++)
    {
      const HlLadderRow *row = &g_array_index (layout->rows, HlLadderRow, i);
      if (y >= row->y && y < row->y + row->height)
        return row->step;
    }
  return -1;
}

GArray *
hl_ladder_layout_steps_for_frames (const HlLadderLayout *layout, const GArray *frames)
{
  GArray *steps = g_array_new (FALSE, FALSE, sizeof (guint));

  for (guint s = 0; frames && s < layout->step_rows->len; s++)
    {
      const HlEvent *e = hl_ladder_layout_step_row (layout, s)->event;
      guint64 last = MAX (e->frame, e->last_frame);

      for (guint i = 0; i < frames->len; i++)
        {
          guint64 f = g_array_index (frames, guint64, i);
          if (f >= e->first_frame && f <= last)
            {
              g_array_append_val (steps, s);
              break;
            }
        }
    }
  return steps;
}

void
hl_ladder_geometry (double width, HlLadderGeometry *g)
{
  g->width = MAX (width, HL_LADDER_MIN_WIDTH);
  g->time_x = LEFT_MARGIN + TIME_COLUMN;
  g->span_x = g->width - SPAN_COLUMN;
  g->client_x = g->time_x + LANE_INSET;
  g->server_x = g->span_x - LANE_INSET;
}
