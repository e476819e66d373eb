/* engine.c: wires capture reader -> packet decoder -> TCP tracker -> TLS
 * session -> diagnoser -> ordered output. */
#include "engine.h"

#include "diagnoser.h"
#include "hl-error.h"
#include "packet-decoder.h"
#include "tcp-tracker.h"
#include "tls-session.h"

struct _HlEngine {
  HlPacketDecoder *decoder;
  HlTcpTracker    *tracker;
  HlKeylog        *keylog;
  char            *ca_file;
  HlEngineStats    stats;

  HlConnectionFunc done_func;
  gpointer         done_data;
  gboolean         retain;
  gboolean         finished;

  /* Finished connections wait here until every earlier one is finished, so
   * output stays in first-frame order. */
  GHashTable      *pending;      /* id -> HlConnection* */
  guint64          next_id;      /* next id to hand out */
  GPtrArray       *retained;     /* HlConnection*, when retain */
};

static void
on_open (HlConnection *conn, gpointer user_data)
{
  HlEngine *e = user_data;
  conn->engine_data = hl_tls_session_new (conn, e->keylog);
  e->stats.connections++;
}

static void
on_data (HlConnection *conn, HlDirection dir, const guint8 *data, gsize len,
         guint64 frame, gint64 ts_ns, gpointer user_data)
{
  hl_tls_session_feed (conn->engine_data, dir, data, len, frame, ts_ns);
}

static void
on_gap (HlConnection *conn, HlDirection dir, guint64 bytes, guint64 frame, gpointer user_data)
{
  hl_tls_session_gap (conn->engine_data, dir, bytes, frame);
}

static void
emit (HlEngine *e, HlConnection *conn)
{
  if (e->done_func)
    e->done_func (conn, e->done_data);
  if (e->retain)
    g_ptr_array_add (e->retained, conn);
  else
    hl_connection_free (conn);
}

static void
on_close (HlConnection *conn, gpointer user_data)
{
  HlEngine *e = user_data;
  HlDiagnoseOptions opts = { 0 };

  if (conn->engine_data)
    {
      hl_tls_session_finish (conn->engine_data);
      hl_tls_session_free (conn->engine_data);
      conn->engine_data = NULL;
    }
  if (conn->tls)
    e->stats.tls_connections++;

  opts.capture_end_ts_ns = e->stats.last_ts_ns;
  opts.ca_file = e->ca_file;
  opts.use_system_trust = TRUE;
  opts.keylog_given = hl_keylog_size (e->keylog) > 0;
  hl_diagnose (conn, &opts);

  if (conn->id == e->next_id)
    {
      emit (e, conn);
      e->next_id++;
      while ((conn = g_hash_table_lookup (e->pending, &e->next_id)) != NULL)
        {
          g_hash_table_steal (e->pending, &e->next_id);
          emit (e, conn);
          e->next_id++;
        }
    }
  else
    g_hash_table_insert (e->pending, &conn->id, conn);
}

HlEngine *
hl_engine_new (void)
{
  static const HlTcpTrackerCallbacks callbacks = { on_open, on_data, on_gap, on_close };
  HlEngine *e = g_new0 (HlEngine, 1);

  e->decoder = hl_packet_decoder_new ();
  e->tracker = hl_tcp_tracker_new (&callbacks, e);
  e->keylog = hl_keylog_new ();
  e->pending = g_hash_table_new_full (g_int64_hash, g_int64_equal, NULL,
                                      (GDestroyNotify) hl_connection_free);
  e->retained = g_ptr_array_new_with_free_func ((GDestroyNotify) hl_connection_free);
  e->next_id = 1;
  return e;
}

void
hl_engine_free (HlEngine *e)
{
  if (e == NULL)
    return;
  /* The tracker may still own open connections (no finish): free them
   * through it without emitting. */
  e->done_func = NULL;
  if (!e->finished)
    hl_tcp_tracker_flush (e->tracker);
  hl_tcp_tracker_free (e->tracker);
  hl_packet_decoder_free (e->decoder);
  hl_keylog_unref (e->keylog);
  g_hash_table_unref (e->pending);
  g_ptr_array_unref (e->retained);
  g_free (e->ca_file);
  g_free (e);
}

HlKeylog *
hl_engine_get_keylog (HlEngine *e)
{
  return e->keylog;
}

void
hl_engine_set_ca_file (HlEngine *e, const char *path)
{
  g_free (e->ca_file);
  e->ca_file = g_strdup (path);
}

void
hl_engine_set_done_func (HlEngine *e, HlConnectionFunc func, gpointer user_data)
{
  e->done_func = func;
  e->done_data = user_data;
}

void
hl_engine_set_retain (HlEngine *e, gboolean retain)
{
  e->retain = retain;
}

void
hl_engine_set_limits (HlEngine *e, guint max_connections, gsize max_buffer)
{
  hl_tcp_tracker_set_limits (e->tracker, max_connections, max_buffer);
}

void
hl_engine_feed (HlEngine *e, const HlFrame *frame)
{
  HlSegment seg;
  const char *reason = NULL;

  e->stats.frames++;
  e->stats.bytes += frame->caplen;
  if (e->stats.first_ts_ns == 0 || frame->ts_ns < e->stats.first_ts_ns)
    e->stats.first_ts_ns = frame->ts_ns;
  if (frame->ts_ns > e->stats.last_ts_ns)
    e->stats.last_ts_ns = frame->ts_ns;

  switch (hl_packet_decoder_decode (e->decoder, frame, &seg, &reason))
    {
    case HL_DECODE_TCP:
      e->stats.tcp_segments++;
      hl_tcp_tracker_add (e->tracker, &seg);
      break;
    case HL_DECODE_NOT_TCP:
      e->stats.not_tcp++;
      break;
    case HL_DECODE_FRAGMENT:
      e->stats.fragments++;
      break;
    case HL_DECODE_UNKNOWN_LINK:
      e->stats.unknown_link++;
      break;
    case HL_DECODE_MALFORMED:
      if (e->stats.malformed++ == 0)
        {
          e->stats.first_malformed_reason = reason;
          e->stats.first_malformed_frame = frame->number;
        }
      break;
    }
}

void
hl_engine_finish (HlEngine *e)
{
  if (e->finished)
    return;
  hl_tcp_tracker_flush (e->tracker);
  e->finished = TRUE;
  e->stats.evicted = hl_tcp_tracker_stats (e->tracker)->evicted;
}

void
hl_engine_note_time (HlEngine *e, gint64 ts_ns)
{
  if (ts_ns > e->stats.last_ts_ns)
    e->stats.last_ts_ns = ts_ns;
}

GPtrArray *
hl_engine_get_connections (HlEngine *e)
{
  return e->retained;
}

const HlEngineStats *
hl_engine_get_stats (HlEngine *e)
{
  return &e->stats;
}

static void
on_secrets (guint32 secrets_type, const guint8 *data, gsize len, gpointer user_data)
{
  HlEngine *e = user_data;
  e->stats.dsb_count++;
  if (secrets_type == 0x544c534b)  /* "TLSK": TLS key log */
    hl_keylog_add_text (e->keylog, (const char *) data, len);
}

gboolean
hl_engine_process_file (HlEngine *e, const char *path, GCancellable *cancellable, GError **error)
{
  g_autoptr(HlCaptureReader) reader = NULL;
  HlFrame frame;
  GError *local = NULL;
  guint n = 0;

  reader = hl_capture_reader_open (path, error);
  if (reader == NULL)
    return FALSE;
  hl_capture_reader_set_secrets_func (reader, on_secrets, e);
  while (hl_capture_reader_next (reader, &frame, &local))
    {
      hl_engine_feed (e, &frame);
      if ((++n & 0xfff) == 0 && g_cancellable_set_error_if_cancelled (cancellable, &local))
        break;
    }
  hl_engine_finish (e);
  if (local)
    {
      g_propagate_error (error, local);
      return FALSE;
    }
  return TRUE;
}
