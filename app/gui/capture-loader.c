/* capture-loader.c: runs the engine over a capture in a worker thread. */
#define _GNU_SOURCE 1  /* memfd_create */
#include "config.h"
#include "capture-loader.h"

#include <errno.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "capture-reader.h"
#include "connection-item.h"
#include "hl-error.h"

/* Captures that are not local files (resources, remote mounts) are read into
 * memory first; beyond this size the user is asked for a local copy. */
#define MAX_IN_MEMORY_CAPTURE (512u * 1024 * 1024)
/* Frames between progress updates and cancellation checks. */
#define FRAMES_PER_CHECK 256
/* Rows and progress reach the window this often (each batch redraws it). */
#define POLL_INTERVAL_MS 200

struct _HlCaptureLoader {
  GObject            parent_instance;

  GFile             *file;          /* NULL for a probe */
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
  G_OBJECT_CLASS (hl_capture_loader_parent_class)->dispose (object);
}

static void
hl_capture_loader_finalize (GObject *object)
{
  HlCaptureLoader *self = HL_CAPTURE_LOADER (object);

  g_clear_object (&self->file);
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
  return self;
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

  drain_pending (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FRACTION]);
  return G_SOURCE_CONTINUE;
}

static void
load_done (GObject *source, GAsyncResult *result, gpointer user_data)
{
  HlCaptureLoader *self = HL_CAPTURE_LOADER (source);

  g_task_propagate_boolean (G_TASK (result), NULL);
  g_clear_handle_id (&self->poll_id, g_source_remove);
  drain_pending (self);
  self->loading = FALSE;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FRACTION]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOADING]);
  g_signal_emit (self, signals[FINISHED], 0);
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
  return g_file_get_basename (self->file);
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
