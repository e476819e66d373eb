/* engine.c: wires capture reader -> packet decoder -> TCP tracker -> TLS
 * session -> diagnoser -> ordered output.
 *
 * Render mode (hl_engine_set_render_func, the CLI): every closed
 * connection goes to the output worker at once, which diagnoses and
 * renders it and keeps the text until every lower id is written; this
 * thread counts the ids that closed after the open one with the next id
 * and releases that one past the limits, as below.  Otherwise:
 *
 * Ordered output: connection ids are handed out in first-frame order; a
 * finished connection is emitted when every lower id has been, else it
 * waits in `pending`.  The wait is bounded (see engine.h): past half the
 * byte budget, connections that start waiting are compacted (field trees
 * and message bytes dropped); after each frame, while too many connections
 * or bytes wait, the open connection with the next id (it is what blocks
 * them) is released from the TCP tracker, which finishes it through
 * on_close like any other. */

#define DEFAULT_MAX_WAITING       8192
#define DEFAULT_MAX_WAITING_BYTES (16u * 1024 * 1024)
#include "engine.h"

#include <string.h>
#ifdef __GLIBC__
#include <malloc.h>
#endif

#include "diagnoser.h"
#include "hl-error.h"
#include "i18n.h"
#include "packet-decoder.h"
#include "tcp-tracker.h"
#include "tls-session.h"
#include <inttypes.h>

struct _HlEngine {
  HlPacketDecoder *decoder;
  HlTcpTracker    *tracker;
  HlKeylog        *keylog;
  char            *ca_file;
  HlEngineStats    stats;

  HlConnectionFunc done_func;
  gpointer         done_data;
  gboolean         retain;
  gboolean         discard_fields;
  gboolean         finished;

  /* Finished connections wait here until every earlier one is finished, so
   * output stays in first-frame order. */
  GHashTable      *pending;      /* id -> HlConnection* (engine_data: its OutItem) */
  gsize            pending_bytes;   /* estimated memory of pending */
  guint            max_waiting;
  gsize            max_waiting_bytes;
  GHashTable      *open;         /* id -> HlConnection*, still in the tracker */
  guint64          next_id;      /* next id to emit */
  GPtrArray       *retained;     /* HlConnection*, when retain */

  /* Threaded output (hl_engine_set_output_thread): connections leave in
   * order, in batches, to a worker that diagnoses them and calls
   * done_func; it hands the batches back, and this thread frees them. */
  GThread         *out_thread;
  GMutex           out_lock;
  GCond            out_cond;
  GQueue           out_queue;    /* GPtrArray* batches of OutItem* */
  GQueue           out_done;     /* batches back from the worker, to free */
  guint            out_queued;   /* connections in out_queue */
  GPtrArray       *out_batch;    /* being filled by the reading thread */
  guint            out_batch_max;   /* OUT_BATCH, or 1 for a stream (pipe, FIFO) */
  guint            out_wake_at;     /* an idle worker wakes at this many queued */
  gboolean         out_worker_idle; /* the worker waits for out_wake_at */
  gboolean         out_reader_waits; /* the reading thread waits for room */
  gboolean         out_stop;
  guint            freed_since_trim;

  /* Render mode (hl_engine_set_render_func): closed connections go to the
   * worker at once; the worker renders them and orders the texts. */
  HlRenderFunc     render_func;
  HlWriteFunc      write_func;
  gpointer         render_data;
  GHashTable      *closed_ids;   /* reader: ids closed while an earlier one is open */
  GHashTable      *texts;        /* worker: id -> text waiting for an earlier id */
  guint64          w_next_id;    /* worker: next id to write */
  gsize            w_bytes;      /* worker: bytes of texts */
  gint             w_over;       /* atomic: texts exceed the byte limit */
};

/* A closed connection's engine_data: what its diagnosis needs from the
 * moment it closed (the output worker runs later), and its estimated
 * memory while it waits in `pending`. */
typedef struct {
  HlConnection *conn;
  gint64        capture_end_ts_ns;
  gboolean      keylog_given;
  gsize         cost;
} OutItem;

#define OUT_BATCH       64
/* An idle worker is woken when this many connections wait (a file), not at
 * each batch: a wake across cores costs as much as a few packets. */
#define OUT_WAKE        (4 * OUT_BATCH)
#define TRIM_EVERY      32768  /* freed connections between malloc_trim calls */
#define OUT_MAX_QUEUED  512    /* connections in flight to the worker */

static void
on_open (HlConnection *conn, gpointer user_data)
{
  HlEngine *e = user_data;
  conn->engine_data = hl_tls_session_new (conn, e->keylog);
  e->stats.connections++;
  g_hash_table_insert (e->open, &conn->id, conn);
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

/* Approximate heap bytes of a field tree: per node the struct, a name, a
 * value and the child array (strings counted at a typical size: walking
 * them would cost as much as the tree). */
static gsize
field_cost (const HlField *f)
{
  gsize n = sizeof *f + 96;

  if (f->children)
    {
      n += 48 + f->children->len * sizeof (gpointer);
      for (guint i = 0; i < f->children->len; i++)
        n += field_cost (g_ptr_array_index (f->children, i));
    }
  return n;
}

/* Approximate heap bytes of a finished connection without its events'
 * field trees and message bytes. */
static gsize
connection_cost (const HlConnection *conn)
{
  gsize n = sizeof *conn + 256 + conn->events->len * (sizeof (HlEvent) + 40) +
            conn->notes->len * 128 + conn->diagnoses->len * 512;

  for (guint i = 0; i < conn->events->len; i++)
    if (((const HlEvent *) g_ptr_array_index (conn->events, i))->text)
      n += 64;
  if (conn->tls)
    {
      n += 2048;
      for (int side = 0; side < 2; side++)
        {
          GPtrArray *certs = side ? conn->tls->client_certificates : conn->tls->server_certificates;
          for (guint i = 0; certs && i < certs->len; i++)
            {
              const HlCertificate *c = g_ptr_array_index (certs, i);
              n += 1024 + (c && c->der ? g_bytes_get_size (c->der) : 0);
            }
        }
    }
  return n;
}

/* ... and of those details: most of a TLS connection (tens of KiB). */
static gsize
details_cost (const HlConnection *conn)
{
  gsize n = 0;

  for (guint i = 0; i < conn->events->len; i++)
    {
      const HlEvent *ev = g_ptr_array_index (conn->events, i);

      if (ev->bytes_data)
        n += g_bytes_get_size (ev->bytes_data) + 48;
      if (ev->fields)
        n += field_cost (ev->fields);
    }
  return n;
}

static void
compact (HlConnection *conn)
{
  for (guint i = 0; i < conn->events->len; i++)
    {
      HlEvent *ev = g_ptr_array_index (conn->events, i);
      g_clear_pointer (&ev->fields, hl_field_free);
      g_clear_pointer (&ev->bytes_data, g_bytes_unref);
    }
}

static void
diagnose (HlEngine *e, HlConnection *conn, gint64 capture_end_ts_ns, gboolean keylog_given)
{
  HlDiagnoseOptions opts = { 0 };

  opts.capture_end_ts_ns = capture_end_ts_ns;
  opts.ca_file = e->ca_file;
  opts.use_system_trust = TRUE;
  opts.keylog_given = keylog_given;
  hl_diagnose (conn, &opts);
}

/* Render mode, on the worker: the connection's text is written now if it
 * is the next one (with every waiting one after it), else it waits. */
static void
render_one (HlEngine *e, HlConnection *conn)
{
  char *text = e->render_func (conn, e->render_data);

  if (conn->id != e->w_next_id)
    {
      e->w_bytes += strlen (text);
      g_hash_table_insert (e->texts, g_memdup2 (&conn->id, sizeof conn->id), text);
      return;
    }
  for (gpointer key = NULL;;)
    {
      /* text (and key, from the table) is the next id's */
      e->write_func (text, e->render_data);
      g_free (text);
      g_free (key);
      e->w_next_id++;
      if (!g_hash_table_steal_extended (e->texts, &e->w_next_id, &key, (gpointer *) &text))
        break;
      e->w_bytes -= strlen (text);
    }
}

static gint
compare_u64 (gconstpointer a, gconstpointer b)
{
  guint64 x = *(const guint64 *) a, y = *(const guint64 *) b;
  return x < y ? -1 : x > y;
}

/* After hl_engine_finish every id has closed, so no text should wait; if
 * one does (a bug), it still goes out, in id order.  Without finish, the
 * texts waiting for connections that never closed are dropped, like
 * those connections. */
static void
write_remaining (HlEngine *e, gboolean deliver)
{
  if (deliver)
    {
      GList *ids = g_list_sort (g_hash_table_get_keys (e->texts), compare_u64);

      for (GList *l = ids; l; l = l->next)
        e->write_func (g_hash_table_lookup (e->texts, l->data), e->render_data);
      g_list_free (ids);
    }
  g_hash_table_remove_all (e->texts);
  e->w_bytes = 0;
}

static gpointer
output_worker (gpointer user_data)
{
  HlEngine *e = user_data;

  hl_field_set_discard (e->discard_fields);
  for (;;)
    {
      GPtrArray *batch;

      g_mutex_lock (&e->out_lock);
      if (g_queue_is_empty (&e->out_queue))
        {
          e->out_worker_idle = TRUE;
          while (e->out_queued < e->out_wake_at && !e->out_stop)
            g_cond_wait (&e->out_cond, &e->out_lock);
          e->out_worker_idle = FALSE;
        }
      batch = g_queue_pop_head (&e->out_queue);
      g_mutex_unlock (&e->out_lock);
      if (batch == NULL)
        break;   /* stopped and drained */
      for (guint i = 0; i < batch->len; i++)
        {
          OutItem *item = g_ptr_array_index (batch, i);
          diagnose (e, item->conn, item->capture_end_ts_ns, item->keylog_given);
          if (e->render_func)
            render_one (e, item->conn);
          else if (e->done_func)
            e->done_func (item->conn, e->done_data);
          /* the diagnoses were allocated here: freed here too */
          g_ptr_array_set_size (item->conn->diagnoses, 0);
        }
      /* The reading thread allocated them, so it frees them: frees across
       * threads contend for malloc's arena lock. */
      g_mutex_lock (&e->out_lock);
      e->out_queued -= batch->len;
      g_queue_push_tail (&e->out_done, batch);
      if (e->render_func)
        g_atomic_int_set (&e->w_over, e->w_bytes > e->max_waiting_bytes);
      if (e->out_reader_waits)
        g_cond_broadcast (&e->out_cond);
      g_mutex_unlock (&e->out_lock);
    }
  return NULL;
}

static void
free_batch (HlEngine *e, GPtrArray *batch)
{
  guint batch_len = batch->len;

  for (guint i = 0; i < batch->len; i++)
    {
      OutItem *item = g_ptr_array_index (batch, i);
      hl_connection_free (item->conn);
      g_free (item);
    }
  g_ptr_array_unref (batch);
#ifdef __GLIBC__
  /* Freed memory scattered between live blocks stays in the process;
   * hand it back now and then, so memory does not creep up with the
   * capture's length. */
  e->freed_since_trim += batch_len;
  if (e->freed_since_trim >= TRIM_EVERY)
    {
      malloc_trim (0);
      e->freed_since_trim = 0;
    }
#endif
}

/* Frees what the worker has finished with. */
static void
output_reap (HlEngine *e)
{
  GQueue done = G_QUEUE_INIT;
  GPtrArray *batch;

  g_mutex_lock (&e->out_lock);
  done = e->out_done;
  g_queue_init (&e->out_done);
  g_mutex_unlock (&e->out_lock);
  while ((batch = g_queue_pop_head (&done)) != NULL)
    free_batch (e, batch);
}

/* Hands the current batch to the worker; waits while too much is in
 * flight (memory stays bounded). */
static void
output_push_batch (HlEngine *e)
{
  if (e->out_batch == NULL || e->out_batch->len == 0)
    return;
  output_reap (e);
  g_mutex_lock (&e->out_lock);
  if (e->out_queued >= OUT_MAX_QUEUED)
    {
      e->out_reader_waits = TRUE;
      while (e->out_queued >= OUT_MAX_QUEUED)
        g_cond_wait (&e->out_cond, &e->out_lock);
      e->out_reader_waits = FALSE;
    }
  e->out_queued += e->out_batch->len;
  g_queue_push_tail (&e->out_queue, e->out_batch);
  if (e->out_worker_idle && e->out_queued >= e->out_wake_at)
    g_cond_broadcast (&e->out_cond);
  g_mutex_unlock (&e->out_lock);
  e->out_batch = g_ptr_array_sized_new (OUT_BATCH);
}

static void
output_thread_stop (HlEngine *e, gboolean finishing)
{
  if (e->out_thread == NULL)
    return;
  output_push_batch (e);
  g_mutex_lock (&e->out_lock);
  e->out_stop = TRUE;
  g_cond_broadcast (&e->out_cond);
  g_mutex_unlock (&e->out_lock);
  g_thread_join (g_steal_pointer (&e->out_thread));
  if (e->texts)
    write_remaining (e, finishing);
  output_reap (e);
  g_clear_pointer (&e->out_batch, g_ptr_array_unref);
}

static void
pending_free (gpointer data)
{
  HlConnection *conn = data;
  g_free (conn->engine_data);
  conn->engine_data = NULL;
  hl_connection_free (conn);
}

static void
emit (HlEngine *e, HlConnection *conn)
{
  OutItem *item = conn->engine_data;   /* set by on_close */

  conn->engine_data = NULL;
  if (e->out_thread)
    {
      item->conn = conn;
      g_ptr_array_add (e->out_batch, item);
      if (e->out_batch->len >= e->out_batch_max)
        output_push_batch (e);
      return;
    }
  if (e->done_func || e->retain)   /* else nobody sees it (hl_engine_free) */
    diagnose (e, conn, item->capture_end_ts_ns, item->keylog_given);
  g_free (item);
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

  g_hash_table_remove (e->open, &conn->id);
  if (conn->engine_data)
    {
      hl_tls_session_finish (conn->engine_data);
      hl_tls_session_free (conn->engine_data);
      conn->engine_data = NULL;
    }
  if (conn->tls)
    e->stats.tls_connections++;

  {
    /* diagnosed when it goes out (by the output worker, if any), with
     * the facts of this moment */
    OutItem *item = g_new0 (OutItem, 1);
    item->capture_end_ts_ns = e->stats.last_ts_ns;
    item->keylog_given = hl_keylog_size (e->keylog) > 0;
    conn->engine_data = item;
  }

  if (e->out_thread && e->render_func)
    {
      /* render mode: the worker orders the texts; this thread counts what
       * will wait, for the output limits */
      if (conn->id == e->next_id)
        {
          e->next_id++;
          while (g_hash_table_remove (e->closed_ids, &e->next_id))
            e->next_id++;
        }
      else
        g_hash_table_add (e->closed_ids, g_memdup2 (&conn->id, sizeof conn->id));
      emit (e, conn);
      return;
    }
  if (conn->id == e->next_id)
    {
      emit (e, conn);
      e->next_id++;
      while ((conn = g_hash_table_lookup (e->pending, &e->next_id)) != NULL)
        {
          g_hash_table_steal (e->pending, &e->next_id);
          e->pending_bytes -= ((OutItem *) conn->engine_data)->cost;
          emit (e, conn);
          e->next_id++;
        }
    }
  else
    {
      gsize cost = connection_cost (conn);

      /* Past half the budget, waiting connections give up their field
       * trees and message bytes (the reports do not use them; the
       * timeline, TLS summary and diagnoses stay). */
      if (!e->retain && e->pending_bytes + cost > e->max_waiting_bytes / 2)
        compact (conn);
      else
        {
          gsize details = details_cost (conn);
          if (!e->retain && e->pending_bytes + cost + details > e->max_waiting_bytes / 2)
            compact (conn);
          else
            cost += details;
        }
      e->pending_bytes += cost;
      ((OutItem *) conn->engine_data)->cost = cost;
      g_hash_table_insert (e->pending, &conn->id, conn);
    }
}

/* Releases the open connection with the next id, which `waiting` finished
 * connections wait behind, with a note; FALSE when there is none or the
 * tracker could not release it. */
static gboolean
release_blocker (HlEngine *e, guint waiting)
{
  HlConnection *blocker = g_hash_table_lookup (e->open, &e->next_id);

  if (blocker == NULL)
    return FALSE;
  hl_connection_add_note (blocker,
                          _("reported before its end, at frame %" PRIu64 ": %u later "
                            "connections had finished and were waiting for it; its later "
                            "packets are only counted"),
                          e->stats.frames, waiting);
  e->stats.released_early++;
  return hl_tcp_tracker_release (e->tracker, blocker);
}

/* Render mode: while too many connections have closed after the open one
 * with the next id (their texts wait for it on the worker), or their texts
 * take too many bytes, that connection is released.  When the next id has
 * closed already, the worker is catching up: nothing to release. */
static void
bound_texts (HlEngine *e)
{
  release_blocker (e, g_hash_table_size (e->closed_ids));
}

/* Release blocking connections while too much waits behind them. */
static void
bound_pending (HlEngine *e)
{
  while (!e->retain && g_hash_table_size (e->pending) > 0 &&
         (g_hash_table_size (e->pending) > e->max_waiting || e->pending_bytes > e->max_waiting_bytes))
    {
      /* no blocker cannot happen: a lower id is either open or emitted */
      if (!release_blocker (e, g_hash_table_size (e->pending)))
        break;
    }
}

HlEngine *
hl_engine_new (void)
{
  static const HlTcpTrackerCallbacks callbacks = { on_open, on_data, on_gap, on_close };
  HlEngine *e = g_new0 (HlEngine, 1);

  e->decoder = hl_packet_decoder_new ();
  e->tracker = hl_tcp_tracker_new (&callbacks, e);
  e->keylog = hl_keylog_new ();
  e->pending = g_hash_table_new_full (g_int64_hash, g_int64_equal, NULL, pending_free);
  e->retained = g_ptr_array_new_with_free_func ((GDestroyNotify) hl_connection_free);
  e->open = g_hash_table_new (g_int64_hash, g_int64_equal);
  e->max_waiting = DEFAULT_MAX_WAITING;
  e->max_waiting_bytes = DEFAULT_MAX_WAITING_BYTES;
  e->next_id = 1;
  g_mutex_init (&e->out_lock);
  g_cond_init (&e->out_cond);
  return e;
}

void
hl_engine_free (HlEngine *e)
{
  if (e == NULL)
    return;
  /* What the output worker holds is delivered; the tracker may still own
   * open connections (no finish): free them through it without emitting. */
  output_thread_stop (e, FALSE);
  e->done_func = NULL;
  if (!e->finished)
    hl_tcp_tracker_flush (e->tracker);
  hl_tcp_tracker_free (e->tracker);
  hl_packet_decoder_free (e->decoder);
  hl_keylog_unref (e->keylog);
  g_hash_table_unref (e->pending);
  g_clear_pointer (&e->texts, g_hash_table_unref);
  g_clear_pointer (&e->closed_ids, g_hash_table_unref);
  g_hash_table_unref (e->open);
  g_ptr_array_unref (e->retained);
  g_free (e->ca_file);
  g_mutex_clear (&e->out_lock);
  g_cond_clear (&e->out_cond);
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
  g_return_if_fail (!(retain && e->out_thread));
  e->retain = retain;
}

void
hl_engine_set_output_thread (HlEngine *e, gboolean threaded)
{
  g_return_if_fail (!e->retain);
  g_return_if_fail (e->stats.frames == 0);
  if (!threaded || e->out_thread)
    return;
  e->out_batch = g_ptr_array_sized_new (OUT_BATCH);
  e->out_batch_max = OUT_BATCH;
  e->out_wake_at = OUT_WAKE;
  e->out_stop = FALSE;
  e->out_thread = g_thread_new ("hl-output", output_worker, e);
}

void
hl_engine_set_render_func (HlEngine *e, HlRenderFunc render, HlWriteFunc write, gpointer user_data)
{
  g_return_if_fail (e->out_thread != NULL);
  g_return_if_fail (e->stats.frames == 0);
  g_return_if_fail (render != NULL && write != NULL);
  /* the worker reads these only for connections pushed after this call */
  g_mutex_lock (&e->out_lock);
  e->render_func = render;
  e->write_func = write;
  e->render_data = user_data;
  if (e->texts == NULL)
    {
      e->texts = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_free);
      e->closed_ids = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
    }
  e->w_next_id = 1;
  g_mutex_unlock (&e->out_lock);
}

void
hl_engine_set_keep_fields (HlEngine *e, gboolean keep)
{
  e->discard_fields = !keep;
}

void
hl_engine_set_limits (HlEngine *e, guint max_connections, gsize max_buffer)
{
  hl_tcp_tracker_set_limits (e->tracker, max_connections, max_buffer);
}

void
hl_engine_set_output_limits (HlEngine *e, guint max_waiting, gsize max_waiting_bytes)
{
  e->max_waiting = max_waiting ? max_waiting : DEFAULT_MAX_WAITING;
  e->max_waiting_bytes = max_waiting_bytes ? max_waiting_bytes : DEFAULT_MAX_WAITING_BYTES;
}

void
hl_engine_feed (HlEngine *e, const HlFrame *frame)
{
  HlSegment seg;
  const char *reason = NULL;

  hl_field_set_discard (e->discard_fields);
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
      if (G_UNLIKELY (g_hash_table_size (e->pending) > 0))
        bound_pending (e);
      else if (e->closed_ids &&
               G_UNLIKELY (g_hash_table_size (e->closed_ids) > e->max_waiting ||
                           g_atomic_int_get (&e->w_over)))
        bound_texts (e);
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
  hl_field_set_discard (e->discard_fields);
  hl_tcp_tracker_flush (e->tracker);
  output_thread_stop (e, TRUE);
  e->finished = TRUE;
  e->stats.evicted = hl_tcp_tracker_stats (e->tracker)->evicted;
}

void
hl_engine_note_time (HlEngine *e, gint64 ts_ns)
{
  if (ts_ns > e->stats.last_ts_ns)
    e->stats.last_ts_ns = ts_ns;
}

static gint
compare_conn_id (gconstpointer a, gconstpointer b)
{
  const HlConnection *ca = *(HlConnection * const *) a, *cb = *(HlConnection * const *) b;
  return ca->id < cb->id ? -1 : ca->id > cb->id;
}

static gboolean
handshake_done (const HlConnection *conn)
{
  if (conn->rst_by >= 0 || conn->fin[0] || conn->fin[1])
    return TRUE;
  if (conn->tls)
    return conn->tls->client_finished && conn->tls->server_finished;
  return conn->syn_ack && conn->ack && conn->payload_bytes[0] + conn->payload_bytes[1] > 0;
}

guint
hl_engine_flush_idle (HlEngine *e, gint64 now_ns, gint64 idle_ns)
{
  g_autoptr(GPtrArray) idle = g_ptr_array_new ();
  GHashTableIter iter;
  gpointer value;

  hl_field_set_discard (e->discard_fields);  guint n = 0;

  if (e->finished)
    return 0;
  g_hash_table_iter_init (&iter, e->open);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    {
      HlConnection *conn = value;
      if (conn->last_ts_ns <= now_ns - idle_ns && handshake_done (conn))
        g_ptr_array_add (idle, conn);
    }
  /* In id order, so each one can go out at once when it is the next. */
  g_ptr_array_sort (idle, compare_conn_id);
  for (guint i = 0; i < idle->len; i++)
    {
      HlConnection *conn = g_ptr_array_index (idle, i);
      if (conn->rst_by < 0 && !(conn->fin[0] && conn->fin[1]))
        hl_connection_add_note (conn, _("reported while still open, after %.1f s without "
                                        "packets; its later packets are only counted"),
                                (now_ns - conn->last_ts_ns) / 1e9);
      if (hl_tcp_tracker_release (e->tracker, conn))
        n++;
    }
  return n;
}

GPtrArray *
hl_engine_get_connections (HlEngine *e)
{
  return e->retained;
}

const HlEngineStats *
hl_engine_get_stats (HlEngine *e)
{
  e->stats.evicted = hl_tcp_tracker_stats (e->tracker)->evicted;
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
  /* A stream (stdin, a pipe, a FIFO: no file size) may be a live capture:
   * each finished connection goes out at once instead of in batches. */
  if (hl_capture_reader_size (reader) == 0)
    e->out_batch_max = e->out_wake_at = 1;
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
