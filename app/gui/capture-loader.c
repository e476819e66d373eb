/* capture-loader.c: runs the engine over a capture in a worker thread. */
#define _GNU_SOURCE 1  /* memfd_create */
#include "config.h"
#include "capture-loader.h"

#include <errno.h>
#include <fcntl.h>
#include <gio/gunixinputstream.h>
#include <signal.h>
#include <stdio.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "capture-reader.h"
#include "connection-item.h"
#include "hl-error.h"
#include "live-capture.h"
#include "pcapng-writer.h"

/* Captures that are not local files (resources, remote mounts) are read into
 * memory first; beyond this size the user is asked for a local copy. */
#define MAX_IN_MEMORY_CAPTURE (512u * 1024 * 1024)
/* Frames between progress updates and cancellation checks. */
#define FRAMES_PER_CHECK 256
/* Rows and progress reach the window this often (each batch redraws it). */
#define POLL_INTERVAL_MS 200
/* Live sources: a connection done with its handshake is shown after this
 * much silence, instead of when it closes. */
#define LIVE_IDLE_NS (G_GINT64_CONSTANT (2) * 1000000000)
#define MAX_LINKTYPES 8

typedef enum { SOURCE_FILE, SOURCE_PROBE, SOURCE_FD, SOURCE_FIFO, SOURCE_INTERFACE } SourceKind;

struct _HlCaptureLoader {
  GObject            parent_instance;

  SourceKind         kind;
  GFile             *file;          /* NULL for a probe */
  /* Live sources (fd, FIFO, interface) */
  int                live_fd;       /* SOURCE_FD, until the worker takes it */
  char              *live_path;     /* SOURCE_FIFO */
  char              *live_name;     /* display name */
  char              *iface, *bpf;   /* SOURCE_INTERFACE */
  char              *temp_path;     /* everything received, as pcapng */
  GMutex             engine_mutex;  /* the engine and the fields below, for live sources */
  HlPcapngWriter    *temp_writer;
  guint32            temp_linktypes[MAX_LINKTYPES];
  guint              n_temp_linktypes;
  gboolean           detached;      /* stopped: the worker's frames are dropped */
  HlLiveCapture     *capture;
  GSubprocess       *helper;
  GThread           *helper_stderr; /* reads the helper's "stats" lines */
  gboolean           via_helper;
  guint64            live_frames, live_dropped;
  gboolean           drops_known;
  gint64             last_frame_mono, last_frame_ts;

  GPtrArray         *keylogs;       /* GFile* */
  char              *probe_host;    /* set for a probe */
  char              *probe_sni;
  guint16            probe_port;
  guint              probe_timeout_ms;
  HlProbeRecording  *recording;
  GListStore        *store;         /* HlConnectionItem */
  GCancellable      *cancellable;
  HlConnectionOwner *owner;         /* keeps the engine (and its connections) alive */
  HlEngine          *engine;
  guint              poll_id;
  gboolean           loading;

  /* Shared with the worker, under mutex. */
  GMutex             mutex;
  GPtrArray         *pending;       /* HlConnection*, finished, not yet in the store */
  guint64            offset, size;

  /* Written by the worker before it returns; read after. */
  HlEngineStats      stats;
  HlKeylogStats      keylog_stats;
  guint              keylog_size;
  guint64            dsb_count;
  char              *format;
  char              *keylog_problem;
  GError            *open_error;
  GError            *input_error;
};

G_DEFINE_FINAL_TYPE (HlCaptureLoader, hl_capture_loader, G_TYPE_OBJECT)

enum { PROP_0, PROP_LOADING, PROP_FRACTION, N_PROPS };
static GParamSpec *properties[N_PROPS];

enum { FINISHED, N_SIGNALS };
static guint signals[N_SIGNALS];

static void
hl_capture_loader_dispose (GObject *object)
{
  HlCaptureLoader *self = HL_CAPTURE_LOADER (object);

  g_clear_handle_id (&self->poll_id, g_source_remove);
  if (self->loading && self->kind >= SOURCE_FD)
    hl_capture_loader_stop (self);
  G_OBJECT_CLASS (hl_capture_loader_parent_class)->dispose (object);
}

static void
hl_capture_loader_finalize (GObject *object)
{
  HlCaptureLoader *self = HL_CAPTURE_LOADER (object);

  g_clear_object (&self->file);
  if (self->live_fd >= 0)
    close (self->live_fd);
  g_free (self->live_path);
  g_free (self->live_name);
  g_free (self->iface);
  g_free (self->bpf);
  g_clear_pointer (&self->temp_writer, hl_pcapng_writer_free);
  if (self->temp_path)
    g_unlink (self->temp_path);
  g_free (self->temp_path);
  g_clear_object (&self->helper);
  g_mutex_clear (&self->engine_mutex);
  g_clear_pointer (&self->keylogs, g_ptr_array_unref);
  g_free (self->probe_host);
  g_free (self->probe_sni);
  g_clear_pointer (&self->recording, hl_probe_recording_free);
  g_clear_object (&self->store);
  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->owner, hl_connection_owner_unref);
  g_clear_pointer (&self->pending, g_ptr_array_unref);
  g_mutex_clear (&self->mutex);
  g_free (self->format);
  g_free (self->keylog_problem);
  g_clear_error (&self->open_error);
  g_clear_error (&self->input_error);
  G_OBJECT_CLASS (hl_capture_loader_parent_class)->finalize (object);
}

static void
hl_capture_loader_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  HlCaptureLoader *self = HL_CAPTURE_LOADER (object);

  switch (prop_id)
    {
    case PROP_LOADING:
      g_value_set_boolean (value, self->loading);
      break;
    case PROP_FRACTION:
      g_value_set_double (value, hl_capture_loader_get_fraction (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
hl_capture_loader_class_init (HlCaptureLoaderClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = hl_capture_loader_dispose;
  object_class->finalize = hl_capture_loader_finalize;
  object_class->get_property = hl_capture_loader_get_property;

  properties[PROP_LOADING] =
    g_param_spec_boolean ("loading", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_FRACTION] =
    g_param_spec_double ("fraction", NULL, NULL, 0, 1, 0,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[FINISHED] = g_signal_new ("finished", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                    0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
hl_capture_loader_init (HlCaptureLoader *self)
{
  g_mutex_init (&self->mutex);
  g_mutex_init (&self->engine_mutex);
  self->live_fd = -1;
  self->store = g_list_store_new (HL_TYPE_CONNECTION_ITEM);
  self->pending = g_ptr_array_new ();
  self->cancellable = g_cancellable_new ();
}

HlCaptureLoader *
hl_capture_loader_new (GFile *capture, GPtrArray *keylogs)
{
  HlCaptureLoader *self = g_object_new (HL_TYPE_CAPTURE_LOADER, NULL);

  self->file = g_object_ref (capture);
  self->keylogs = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint i = 0; keylogs && i < keylogs->len; i++)
    g_ptr_array_add (self->keylogs, g_object_ref (g_ptr_array_index (keylogs, i)));
  return self;
}

HlCaptureLoader *
hl_capture_loader_new_for_probe (const HlProbeOptions *options)
{
  HlCaptureLoader *self = g_object_new (HL_TYPE_CAPTURE_LOADER, NULL);

  self->keylogs = g_ptr_array_new_with_free_func (g_object_unref);
  self->probe_host = g_strdup (options->host);
  self->probe_sni = g_strdup (options->sni);
  self->probe_port = options->port ? options->port : 443;
  self->probe_timeout_ms = options->timeout_ms;
  self->kind = SOURCE_PROBE;
  return self;
}

static HlCaptureLoader *
new_live (SourceKind kind, const char *name, GPtrArray *keylogs)
{
  HlCaptureLoader *self = g_object_new (HL_TYPE_CAPTURE_LOADER, NULL);

  self->kind = kind;
  self->live_name = g_strdup (name);
  self->keylogs = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint i = 0; keylogs && i < keylogs->len; i++)
    g_ptr_array_add (self->keylogs, g_object_ref (g_ptr_array_index (keylogs, i)));
  return self;
}

HlCaptureLoader *
hl_capture_loader_new_for_fd (int fd, const char *display_name, GPtrArray *keylogs)
{
  HlCaptureLoader *self = new_live (SOURCE_FD, display_name, keylogs);

  self->live_fd = fd;
  return self;
}

HlCaptureLoader *
hl_capture_loader_new_for_fifo (const char *path, GPtrArray *keylogs)
{
  g_autofree char *name = g_path_get_basename (path);
  HlCaptureLoader *self = new_live (SOURCE_FIFO, name, keylogs);

  self->live_path = g_strdup (path);
  return self;
}

HlCaptureLoader *
hl_capture_loader_new_for_live (const char *iface, const char *filter)
{
  HlCaptureLoader *self = new_live (SOURCE_INTERFACE, iface, NULL);

  self->iface = g_strdup (iface);
  self->bpf = g_strdup (filter && *filter ? filter : "tcp");
  return self;
}

char *
hl_capture_loader_find_helper (void)
{
  const char *env = g_getenv ("HL_CAPTURE_HELPER");
  g_autofree char *exe = NULL;

  if (env && *env)
    return g_strdup (env);
  /* Uninstalled: build/app/gui/handshake-lens next to build/app/cli/. */
  exe = g_file_read_link ("/proc/self/exe", NULL);
  if (exe)
    {
      g_autofree char *dir = g_path_get_dirname (exe);
      g_autofree char *path = g_build_filename (dir, "..", "cli", "handshake-lens-capture", NULL);
      if (g_file_test (path, G_FILE_TEST_IS_EXECUTABLE) && !g_str_has_prefix (exe, LIBEXECDIR))
        return g_steal_pointer (&path);
    }
  return g_build_filename (LIBEXECDIR, "handshake-lens-capture", NULL);
}

/* ---- worker thread ---- */

static void
on_connection_done (HlConnection *conn, gpointer user_data)
{
  HlCaptureLoader *self = user_data;

  g_mutex_lock (&self->mutex);
  g_ptr_array_add (self->pending, conn);
  g_mutex_unlock (&self->mutex);
}

static void
on_secrets (guint32 secrets_type, const guint8 *data, gsize len, gpointer user_data)
{
  HlCaptureLoader *self = user_data;

  self->dsb_count++;
  if (secrets_type == 0x544c534b)  /* "TLSK": a TLS key log */
    hl_keylog_add_text (hl_engine_get_keylog (self->engine), (const char *) data, len);
}

static void
load_keylogs (HlCaptureLoader *self, GCancellable *cancellable)
{
  HlKeylog *keylog = hl_engine_get_keylog (self->engine);
  GString *problems = NULL;

  for (guint i = 0; i < self->keylogs->len; i++)
    {
      GFile *file = g_ptr_array_index (self->keylogs, i);
      g_autofree char *path = g_file_get_path (file);
      g_autoptr(GError) error = NULL;
      gboolean ok;

      if (path)
        ok = hl_keylog_load_file (keylog, path, &error);
      else
        {
          g_autoptr(GBytes) bytes = g_file_load_bytes (file, cancellable, NULL, &error);
          ok = bytes != NULL;
          if (ok)
            hl_keylog_add_text (keylog, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
        }
      if (!ok)
        {
          g_autofree char *name = g_file_get_basename (file);
          if (problems == NULL)
            problems = g_string_new (NULL);
          else
            g_string_append_c (problems, '\n');
          g_string_append_printf (problems, "%s: %s", name, error->message);
        }
    }
  if (problems)
    self->keylog_problem = g_string_free (problems, FALSE);
}

/* Non-local captures (resource://, remote mounts) are copied into an
 * anonymous memory file so the capture reader sees an ordinary descriptor. */
static HlCaptureReader *
open_in_memory (GFile *file, GCancellable *cancellable, GError **error)
{
  g_autoptr(GBytes) bytes = NULL;
  g_autofree char *name = g_file_get_basename (file);
  g_autoptr(GFileInfo) info = NULL;
  HlCaptureReader *reader;
  const guint8 *data;
  gsize len, done = 0;
  int fd;

  info = g_file_query_info (file, G_FILE_ATTRIBUTE_STANDARD_SIZE, 0, cancellable, NULL);
  if (info && g_file_info_get_size (info) > MAX_IN_MEMORY_CAPTURE)
    {
      g_set_error (error, HL_ERROR, HL_ERROR_LIMIT,
                   _("“%s” is too large to read from this location; copy it to a local folder first"),
                   name);
      return NULL;
    }
  bytes = g_file_load_bytes (file, cancellable, NULL, error);
  if (bytes == NULL)
    return NULL;
  data = g_bytes_get_data (bytes, &len);
  fd = memfd_create ("handshake-lens-capture", MFD_CLOEXEC);
  if (fd < 0)
    {
      int saved = errno;
      g_set_error (error, HL_ERROR, HL_ERROR_IO, _("Could not buffer “%s”: %s"), name,
                   g_strerror (saved));
      return NULL;
    }
  while (done < len)
    {
      ssize_t n = write (fd, data + done, len - done);
      if (n < 0 && errno == EINTR)
        continue;
      if (n <= 0)
        {
          int saved = errno;
          g_set_error (error, HL_ERROR, HL_ERROR_IO, _("Could not buffer “%s”: %s"), name,
                       g_strerror (saved));
          close (fd);
          return NULL;
        }
      done += n;
    }
  lseek (fd, 0, SEEK_SET);
  /* The reader takes ownership of fd on success. */
  reader = hl_capture_reader_open_fd (fd, name, error);
  if (reader == NULL)
    close (fd);
  return reader;
}

static void
finish_engine (HlCaptureLoader *self, const char *format)
{
  hl_engine_finish (self->engine);
  self->stats = *hl_engine_get_stats (self->engine);
  self->keylog_stats = *hl_keylog_stats (hl_engine_get_keylog (self->engine));
  self->keylog_size = hl_keylog_size (hl_engine_get_keylog (self->engine));
  self->format = g_strdup (format);
  g_mutex_lock (&self->mutex);
  self->offset = self->size;
  g_mutex_unlock (&self->mutex);
}

static void
probe_thread (HlCaptureLoader *self, GCancellable *cancellable)
{
  HlProbeOptions options = {
    .host = self->probe_host,
    .port = self->probe_port,
    .sni = self->probe_sni,
    .timeout_ms = self->probe_timeout_ms,
  };

  self->recording = hl_probe_run (&options, cancellable, &self->open_error);
  if (self->recording == NULL)
    return;
  hl_probe_recording_feed (self->recording, self->engine);
  finish_engine (self, "probe");
}

static void live_thread (HlCaptureLoader *self, GCancellable *cancellable);

static void
load_thread (GTask *task, gpointer source, gpointer task_data, GCancellable *cancellable)
{
  HlCaptureLoader *self = source;
  g_autoptr(HlCaptureReader) reader = NULL;
  g_autofree char *path = NULL;
  GError *error = NULL;
  HlFrame frame;
  guint n = 0;

  if (self->probe_host)
    {
      probe_thread (self, cancellable);
      g_task_return_boolean (task, TRUE);
      return;
    }
  if (self->kind >= SOURCE_FD)
    {
      live_thread (self, cancellable);
      g_task_return_boolean (task, TRUE);
      return;
    }

  load_keylogs (self, cancellable);

  path = g_file_get_path (self->file);
  if (path)
    reader = hl_capture_reader_open (path, &self->open_error);
  else
    reader = open_in_memory (self->file, cancellable, &self->open_error);
  if (reader == NULL)
    {
      g_task_return_boolean (task, FALSE);
      return;
    }
  hl_capture_reader_set_secrets_func (reader, on_secrets, self);

  g_mutex_lock (&self->mutex);
  self->size = hl_capture_reader_size (reader);
  g_mutex_unlock (&self->mutex);

  while (hl_capture_reader_next (reader, &frame, &error))
    {
      hl_engine_feed (self->engine, &frame);
      if (++n % FRAMES_PER_CHECK == 0)
        {
          g_mutex_lock (&self->mutex);
          self->offset = hl_capture_reader_compressed_offset (reader);
          g_mutex_unlock (&self->mutex);
          if (g_cancellable_set_error_if_cancelled (cancellable, &error))
            break;
        }
    }
  self->input_error = error;
  /* Whatever was read is still finished and diagnosed. */
  finish_engine (self, hl_capture_reader_format (reader));
  g_task_return_boolean (task, TRUE);
}

/* Live: every frame goes to the engine and into the temporary pcapng, under
 * engine_mutex (the main loop flushes idle connections and stops). */
static void
live_frame (HlCaptureLoader *self, const HlFrame *frame)
{
  g_mutex_lock (&self->engine_mutex);
  if (!self->detached)
    {
      hl_engine_feed (self->engine, frame);
      self->live_frames++;
      self->last_frame_mono = g_get_monotonic_time ();
      self->last_frame_ts = frame->ts_ns;
      if (self->temp_writer)
        {
          guint id;
          for (id = 0; id < self->n_temp_linktypes; id++)
            if (self->temp_linktypes[id] == frame->linktype)
              break;
          if (id == self->n_temp_linktypes && id < MAX_LINKTYPES &&
              hl_pcapng_writer_add_interface (self->temp_writer, frame->linktype, 0,
                                              self->iface, NULL) == (gint) id)
            self->temp_linktypes[self->n_temp_linktypes++] = frame->linktype;
          if (id < self->n_temp_linktypes)
            hl_pcapng_writer_write_packet (self->temp_writer, id, frame->ts_ns, frame->data,
                                           frame->caplen, frame->origlen, NULL);
        }
      if (self->capture && self->live_frames % 64 == 1)
        hl_live_capture_stats (self->capture, NULL, &self->live_dropped, NULL);
    }
  else if (self->capture)
    hl_live_capture_stop (self->capture);
  g_mutex_unlock (&self->engine_mutex);
}

static void
on_live_frame (const HlFrame *frame, gpointer user_data)
{
  live_frame (user_data, frame);
}

static void
on_live_secrets (guint32 secrets_type, const guint8 *data, gsize len, gpointer user_data)
{
  HlCaptureLoader *self = user_data;

  g_mutex_lock (&self->engine_mutex);
  if (!self->detached)
    on_secrets (secrets_type, data, len, self);
  g_mutex_unlock (&self->engine_mutex);
}

/* The helper's stderr while it runs: "stats RECEIVED DROPPED IFDROPPED"
 * lines give the drop counters; anything else is logged. */
static gpointer
helper_stderr_thread (gpointer data)
{
  HlCaptureLoader *self = data;
  g_autoptr(GDataInputStream) in =
    g_data_input_stream_new (g_subprocess_get_stderr_pipe (self->helper));
  char *line;

  while ((line = g_data_input_stream_read_line (in, NULL, NULL, NULL)) != NULL)
    {
      guint recv, drop, ifdrop;
      if (sscanf (line, "stats %u %u %u", &recv, &drop, &ifdrop) == 3)
        {
          /* the same counter as a direct capture shows (ps_drop) */
          g_mutex_lock (&self->engine_mutex);
          self->live_dropped = drop;
          self->drops_known = TRUE;
          g_mutex_unlock (&self->engine_mutex);
        }
      else if (line[0])
        g_debug ("capture helper: %s", line);
      g_free (line);
    }
  return NULL;
}

/* Runs the capture helper; its stdout (a pcap stream) becomes the reader. */
static HlCaptureReader *
open_helper (HlCaptureLoader *self, GError **error)
{
  g_autofree char *helper = hl_capture_loader_find_helper ();
  g_autoptr(GError) local = NULL;
  g_autofree char *help = hl_live_permission_help (self->iface);
  HlCaptureReader *reader;
  GSubprocess *sp;
  int fd;

  sp = g_subprocess_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE | G_SUBPROCESS_FLAGS_STDERR_PIPE, &local,
                         helper, "-i", self->iface, "-f", self->bpf, NULL);
  if (sp == NULL)
    {
      g_set_error (error, HL_ERROR, HL_ERROR_PERMISSION, "%s\n\n%s", help, local->message);
      return NULL;
    }
  g_mutex_lock (&self->engine_mutex);
  self->helper = sp;
  self->via_helper = TRUE;
  g_mutex_unlock (&self->engine_mutex);
  fd = dup (g_unix_input_stream_get_fd (G_UNIX_INPUT_STREAM (g_subprocess_get_stdout_pipe (sp))));
  reader = fd >= 0 ? hl_capture_reader_open_fd (fd, self->live_name, &local) : NULL;
  if (reader == NULL)
    {
      /* The helper gave up before the first byte: say why, with the remedy. */
      g_autofree char *err_text = NULL;
      g_autoptr(GBytes) err = NULL;
      g_subprocess_send_signal (sp, SIGTERM);
      g_subprocess_communicate (sp, NULL, NULL, NULL, &err, NULL);
      if (err && g_bytes_get_size (err) > 0)
        err_text = g_strndup (g_bytes_get_data (err, NULL), MIN (g_bytes_get_size (err), 2048));
      if (err_text)
        g_strstrip (err_text);
      if (g_subprocess_get_if_exited (sp) && g_subprocess_get_exit_status (sp) == 2 && err_text)
        g_set_error (error, HL_ERROR, HL_ERROR_FAILED, _("The capture helper refused: %s"), err_text);
      else
        g_set_error (error, HL_ERROR, HL_ERROR_PERMISSION, "%s\n\n%s", help,
                     err_text ? err_text : local ? local->message : "");
      return NULL;
    }
  self->helper_stderr = g_thread_new ("hl-helper-stderr", helper_stderr_thread, self);
  return reader;
}

static void
live_thread (HlCaptureLoader *self, GCancellable *cancellable)
{
  g_autoptr(HlCaptureReader) reader = NULL;
  g_autoptr(GError) local = NULL;
  GError *error = NULL;
  HlFrame frame;

  load_keylogs (self, cancellable);
  if (self->kind == SOURCE_INTERFACE)
    {
      HlLiveCapture *capture = NULL;

      if (g_getenv ("HL_LIVE_FORCE_HELPER") == NULL)
        capture = hl_live_capture_open (self->iface, self->bpf, &local);
      else
        g_set_error_literal (&local, HL_ERROR, HL_ERROR_PERMISSION, "forced");
      if (capture)
        {
          g_mutex_lock (&self->engine_mutex);
          self->capture = capture;
          self->drops_known = TRUE;
          if (self->detached)
            hl_live_capture_stop (capture);
          g_mutex_unlock (&self->engine_mutex);
          self->format = g_strdup ("pcap");
          hl_live_capture_run (capture, on_live_frame, self, &error);
          g_mutex_lock (&self->engine_mutex);
          hl_live_capture_stats (capture, NULL, &self->live_dropped, NULL);
          self->capture = NULL;
          g_mutex_unlock (&self->engine_mutex);
          hl_live_capture_free (capture);
          self->input_error = error;
          return;
        }
      if (!g_error_matches (local, HL_ERROR, HL_ERROR_PERMISSION))
        {
          self->open_error = g_steal_pointer (&local);
          return;
        }
      reader = open_helper (self, &self->open_error);
    }
  else if (self->kind == SOURCE_FD)
    {
      int fd = self->live_fd;
      self->live_fd = -1;
      reader = hl_capture_reader_open_fd (fd, self->live_name, &self->open_error);
    }
  else
    reader = hl_capture_reader_open (self->live_path, &self->open_error);
  if (reader == NULL)
    return;
  hl_capture_reader_set_secrets_func (reader, on_live_secrets, self);
  self->format = g_strdup (hl_capture_reader_format (reader));
  while (hl_capture_reader_next (reader, &frame, &error))
    {
      live_frame (self, &frame);
      if (g_atomic_int_get (&self->detached))
        break;
    }
  self->input_error = error;
  if (self->helper_stderr)
    {
      /* the helper ends with the stream (or on Stop): its last counters */
      g_subprocess_send_signal (self->helper, SIGTERM);   /* a no-op once it has exited */
      g_thread_join (g_steal_pointer (&self->helper_stderr));
    }
}

/* ---- main loop ---- */

static void
drain_pending (HlCaptureLoader *self)
{
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) batch = NULL;

  g_mutex_lock (&self->mutex);
  batch = g_steal_pointer (&self->pending);
  self->pending = g_ptr_array_new ();
  g_mutex_unlock (&self->mutex);

  for (guint i = 0; i < batch->len; i++)
    g_ptr_array_add (items, hl_connection_item_new (g_ptr_array_index (batch, i), self->owner));
  if (items->len)
    g_list_store_splice (self->store, g_list_model_get_n_items (G_LIST_MODEL (self->store)), 0,
                         items->pdata, items->len);
}

static gboolean
poll_progress (gpointer data)
{
  HlCaptureLoader *self = data;

  if (self->kind >= SOURCE_FD)
    {
      g_mutex_lock (&self->engine_mutex);
      if (!self->detached && self->live_frames > 0)
        {
          /* The capture clock, moved on by the wall-clock time since the
           * last frame. */
          gint64 now = self->last_frame_ts + (g_get_monotonic_time () - self->last_frame_mono) * 1000;
          hl_engine_flush_idle (self->engine, now, LIVE_IDLE_NS);
        }
      g_mutex_unlock (&self->engine_mutex);
    }
  drain_pending (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FRACTION]);
  return G_SOURCE_CONTINUE;
}

/* Live sources end here, from Stop or when the worker returns: the engine
 * is finished under engine_mutex and the worker's later frames dropped. */
static void
finish_live (HlCaptureLoader *self)
{
  g_mutex_lock (&self->engine_mutex);
  if (!self->detached)
    {
      g_atomic_int_set (&self->detached, TRUE);
      if (self->capture)
        hl_live_capture_stop (self->capture);
      if (self->helper)
        g_subprocess_send_signal (self->helper, SIGTERM);
      if (self->temp_writer)
        {
          g_autoptr(GError) error = NULL;
          if (!hl_pcapng_writer_close (g_steal_pointer (&self->temp_writer), &error))
            g_warning ("temporary capture: %s", error->message);
        }
      finish_engine (self, self->format ? self->format : "pcap");
    }
  g_mutex_unlock (&self->engine_mutex);
}

static void
complete (HlCaptureLoader *self)
{
  g_clear_handle_id (&self->poll_id, g_source_remove);
  drain_pending (self);
  self->loading = FALSE;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FRACTION]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOADING]);
  g_signal_emit (self, signals[FINISHED], 0);
}

static void
load_done (GObject *source, GAsyncResult *result, gpointer user_data)
{
  HlCaptureLoader *self = HL_CAPTURE_LOADER (source);

  g_task_propagate_boolean (G_TASK (result), NULL);
  if (self->kind >= SOURCE_FD)
    {
      if (!self->loading)
        return;   /* stopped before: already reported */
      finish_live (self);
    }
  complete (self);
}

void
hl_capture_loader_stop (HlCaptureLoader *self)
{
  g_return_if_fail (HL_IS_CAPTURE_LOADER (self));
  if (!self->loading || self->kind < SOURCE_FD)
    return;
  /* The worker may sit in read() on a quiet pipe: do not wait for it. */
  finish_live (self);
  complete (self);
}

void
hl_capture_loader_start (HlCaptureLoader *self)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (HL_IS_CAPTURE_LOADER (self));
  g_return_if_fail (self->engine == NULL);

  self->engine = hl_engine_new ();
  self->owner = hl_connection_owner_new (self->engine, (GDestroyNotify) hl_engine_free);
  hl_engine_set_retain (self->engine, TRUE);
  hl_engine_set_done_func (self->engine, on_connection_done, self);
  self->loading = TRUE;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOADING]);

  if (self->kind >= SOURCE_FD)
    {
      g_autoptr(GError) error = NULL;
      int fd = g_file_open_tmp ("handshake-lens-XXXXXX.pcapng", &self->temp_path, &error);
      if (fd >= 0)
        {
          close (fd);
          self->temp_writer = hl_pcapng_writer_new_for_path (self->temp_path, "Handshake Lens", &error);
        }
      if (self->temp_writer == NULL)
        g_warning ("no temporary capture, saving will not be possible: %s", error->message);
    }
  self->poll_id = g_timeout_add (POLL_INTERVAL_MS, poll_progress, self);
  task = g_task_new (self, self->cancellable, load_done, NULL);
  g_task_set_source_tag (task, hl_capture_loader_start);
  g_task_set_check_cancellable (task, FALSE);
  g_task_run_in_thread (task, load_thread);
}

void
hl_capture_loader_cancel (HlCaptureLoader *self)
{
  g_return_if_fail (HL_IS_CAPTURE_LOADER (self));
  g_cancellable_cancel (self->cancellable);
}

GListModel *
hl_capture_loader_get_model (HlCaptureLoader *self)
{
  g_return_val_if_fail (HL_IS_CAPTURE_LOADER (self), NULL);
  return G_LIST_MODEL (self->store);
}

gboolean
hl_capture_loader_is_loading (HlCaptureLoader *self)
{
  g_return_val_if_fail (HL_IS_CAPTURE_LOADER (self), FALSE);
  return self->loading;
}

double
hl_capture_loader_get_fraction (HlCaptureLoader *self)
{
  double fraction = 0;

  g_return_val_if_fail (HL_IS_CAPTURE_LOADER (self), 0);
  g_mutex_lock (&self->mutex);
  if (self->size > 0)
    fraction = MIN (1.0, (double) self->offset / self->size);
  g_mutex_unlock (&self->mutex);
  return fraction;
}

char *
hl_capture_loader_dup_display_name (HlCaptureLoader *self)
{
  if (self->probe_host)
    {
      if (strchr (self->probe_host, ':'))
        return g_strdup_printf ("[%s]:%u", self->probe_host, self->probe_port);
      return g_strdup_printf ("%s:%u", self->probe_host, self->probe_port);
    }
  if (self->live_name)
    return g_strdup (self->live_name);
  return g_file_get_basename (self->file);
}

gboolean
hl_capture_loader_is_live (HlCaptureLoader *self)
{
  return self->kind >= SOURCE_FD;
}

const char *
hl_capture_loader_get_interface (HlCaptureLoader *self)
{
  return self->iface;
}

gboolean
hl_capture_loader_get_live_counts (HlCaptureLoader *self, guint64 *frames, guint64 *dropped)
{
  gboolean known;

  g_mutex_lock (&self->engine_mutex);
  *frames = self->live_frames;
  *dropped = self->live_dropped;
  known = self->drops_known;
  g_mutex_unlock (&self->engine_mutex);
  return known;
}

gboolean
hl_capture_loader_uses_helper (HlCaptureLoader *self)
{
  return self->via_helper;
}

gboolean
hl_capture_loader_can_save (HlCaptureLoader *self)
{
  if (self->loading)
    return FALSE;
  return self->recording != NULL || (self->temp_path != NULL && self->live_frames > 0);
}

gboolean
hl_capture_loader_save (HlCaptureLoader *self, const char *path, GError **error)
{
  g_autoptr(HlCaptureReader) reader = NULL;
  g_autoptr(HlPcapngWriter) writer = NULL;
  g_autofree char *keys = NULL;
  guint32 linktypes[MAX_LINKTYPES];
  guint n_linktypes = 0;
  GError *local = NULL;
  HlFrame frame;

  g_return_val_if_fail (HL_IS_CAPTURE_LOADER (self), FALSE);
  if (self->recording)
    return hl_probe_recording_save (self->recording, path, error);
  if (!hl_capture_loader_can_save (self))
    {
      g_set_error_literal (error, HL_ERROR, HL_ERROR_FAILED, _("There is no recording to save"));
      return FALSE;
    }
  reader = hl_capture_reader_open (self->temp_path, error);
  if (reader == NULL)
    return FALSE;
  writer = hl_pcapng_writer_new_for_path (path, "Handshake Lens", error);
  if (writer == NULL)
    return FALSE;
  /* The keys first, so the saved file decrypts by itself. */
  keys = hl_keylog_to_text (hl_engine_get_keylog (self->engine));
  if (keys && *keys && !hl_pcapng_writer_write_tls_keylog (writer, keys, -1, error))
    return FALSE;
  while (hl_capture_reader_next (reader, &frame, &local))
    {
      guint id;
      for (id = 0; id < n_linktypes; id++)
        if (linktypes[id] == frame.linktype)
          break;
      if (id == n_linktypes)
        {
          if (id == MAX_LINKTYPES ||
              hl_pcapng_writer_add_interface (writer, frame.linktype, 0, self->iface, error) < 0)
            return FALSE;
          linktypes[n_linktypes++] = frame.linktype;
        }
      if (!hl_pcapng_writer_write_packet (writer, id, frame.ts_ns, frame.data, frame.caplen,
                                          frame.origlen, error))
        return FALSE;
    }
  if (local)
    {
      g_propagate_error (error, local);
      return FALSE;
    }
  return hl_pcapng_writer_close (g_steal_pointer (&writer), error);
}

gboolean
hl_capture_loader_is_probe (HlCaptureLoader *self)
{
  return self->probe_host != NULL;
}

HlProbeRecording *
hl_capture_loader_get_recording (HlCaptureLoader *self)
{
  return self->loading ? NULL : self->recording;
}

const GError *
hl_capture_loader_get_open_error (HlCaptureLoader *self)
{
  return self->loading ? NULL : self->open_error;
}

const GError *
hl_capture_loader_get_input_error (HlCaptureLoader *self)
{
  return self->loading ? NULL : self->input_error;
}

const char *
hl_capture_loader_get_keylog_problem (HlCaptureLoader *self)
{
  return self->loading ? NULL : self->keylog_problem;
}

const HlEngineStats *
hl_capture_loader_get_stats (HlCaptureLoader *self)
{
  return &self->stats;
}

const HlKeylogStats *
hl_capture_loader_get_keylog_stats (HlCaptureLoader *self)
{
  return &self->keylog_stats;
}

guint
hl_capture_loader_get_keylog_size (HlCaptureLoader *self)
{
  return self->keylog_size;
}

guint64
hl_capture_loader_get_dsb_count (HlCaptureLoader *self)
{
  return self->dsb_count;
}

const char *
hl_capture_loader_get_format (HlCaptureLoader *self)
{
  return self->format;
}
