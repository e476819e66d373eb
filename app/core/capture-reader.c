/* capture-reader.c: pcap and pcapng files, plain or gzip-compressed.
 *
 * Bytes come from the file descriptor through read() into one window buffer
 * (inflated first when the input starts with the gzip magic).  We use zlib's
 * inflate directly rather than gzread: gzread fills its whole internal buffer
 * before returning, so on a live pipe (`tcpdump -U -w - | handshake-lens -`) a
 * handshake would only show up after hundreds of kilobytes of later traffic.
 * read() returns what has arrived, and a record is parsed as soon as all of
 * its bytes are there.
 *
 * Records are parsed in place inside the window: a frame's data points into
 * it and stays valid until the next call.  The window grows only up to the
 * largest block we accept, so memory stays bounded whatever the input says.
 */
#include "capture-reader.h"

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <zlib.h>

#include "hl-error.h"
#include "i18n.h"
#include "reader.h"
#include <inttypes.h>

#define WINDOW_INITIAL   (1024 * 1024)
#define MAX_BLOCK        (16u * 1024 * 1024)   /* pcapng block total length */
#define MAX_CAPLEN       (256u * 1024)         /* one packet's captured bytes */
#define MAX_INTERFACES   65536u

#define PCAP_MAGIC_US    0xa1b2c3d4u
#define PCAP_MAGIC_NS    0xa1b23c4du
#define PCAP_MAGIC_KUZ   0xa1b2cd34u   /* Kuznetzov's patched libpcap: 8 more bytes per record */

#define NG_SHB           0x0a0d0d0au
#define NG_BYTE_ORDER    0x1a2b3c4du
#define NG_IDB           0x00000001u
#define NG_PB            0x00000002u   /* obsolete Packet Block */
#define NG_SPB           0x00000003u
#define NG_EPB           0x00000006u
#define NG_DSB           0x0000000au

#define OPT_ENDOFOPT     0
#define OPT_IF_TSRESOL   9
#define OPT_IF_TSOFFSET  14

typedef struct {
  guint32 linktype;
  guint32 snaplen;
  guint64 units_per_sec;   /* timestamp units per second (if_tsresol) */
  gint64  offset_ns;       /* if_tsoffset */
} Interface;

typedef enum { KIND_PCAP, KIND_PCAPNG } Kind;

struct _HlCaptureReader {
  int       fd;
  char     *name;
  Kind      kind;
  gboolean  gzip;
  guint64   size;

  /* Window of uncompressed bytes: [start, end) not yet consumed. */
  guint8   *buf;
  gsize     cap, start, end;
  guint64   offset;        /* stream offset of buf[start] */
  guint64   raw_offset;    /* bytes read from fd */
  gboolean  raw_eof;

  /* gzip */
  z_stream  zs;
  gboolean  zs_ready;
  gboolean  zs_member_done;  /* the current gzip member ended cleanly */
  guint8   *zin;
  gsize     zin_size;

  /* pcap */
  gboolean  big_endian;    /* pcap: the file's byte order; pcapng: the section's */
  gboolean  nsec;
  guint     rec_extra;     /* extra bytes after the 16-byte pcap record header */
  guint32   linktype;

  /* pcapng */
  GArray   *ifaces;        /* Interface, current section */

  guint64   frames;
  GError   *error;         /* sticky error */
  gboolean  done;

  HlSecretsFunc secrets_func;
  gpointer      secrets_data;

  struct _Prefetch *prefetch;   /* read-ahead thread (large plain files) */
};

/* ---- byte source -------------------------------------------------------- */

/* Read-ahead for large plain files: a thread read()s the file into a
 * small ring of chunks while the reading thread parses, so the kernel's
 * copy out of the page cache (a tenth of the reading thread's time on a
 * capture of many handshakes) runs on another core.  The reading thread
 * then takes each chunk as its window (ensure_by_swap), copying only the
 * start of a record cut at the chunk's edge.  Pipes, FIFOs, stdin
 * and gzip input read directly: their bytes must be handed on as soon as
 * they arrive, and small files are not worth a thread. */
#define PREFETCH_MIN      (8u * 1024 * 1024)
#define PREFETCH_CHUNK    (512u * 1024)
#define PREFETCH_CHUNKS   8
/* A full ring wakes its thread when this many chunks are free again, not
 * at each one: a wake that crosses cores costs as much as parsing a few
 * packets, and the thread then reads the chunks back to back. */
#define PREFETCH_REFILL   4
/* Room before a chunk's data: the window moves to the next chunk with the
 * start of an unfinished record copied in front of it (see ensure_slow). */
#define PREFETCH_HEADROOM (64u * 1024)
#define PREFETCH_BUFFER   (PREFETCH_HEADROOM + PREFETCH_CHUNK)

typedef struct _Prefetch {
  int      fd;
  GThread *thread;
  GMutex   lock;
  GCond    cond;
  guint8  *chunk[PREFETCH_CHUNKS]; /* PREFETCH_BUFFER bytes or more; data after the headroom */
  gsize    len[PREFETCH_CHUNKS];   /* bytes in the chunk; 0 = end of file */
  int      err[PREFETCH_CHUNKS];   /* errno of a failed read, else 0 */
  guint    head, count;            /* ring: next to consume, chunks filled */
  gsize    pos;                    /* bytes of chunk[head] consumed */
  gboolean stop;
  gboolean producer_waits;         /* the thread sleeps until PREFETCH_REFILL chunks are free */
  gboolean consumer_waits;         /* the reading thread sleeps until a chunk is filled */
} Prefetch;

static gpointer
prefetch_thread (gpointer data)
{
  Prefetch *p = data;
  gboolean done = FALSE;

  while (!done)
    {
      guint slot;
      gsize got = 0;
      int err = 0;

      g_mutex_lock (&p->lock);
      if (p->count == PREFETCH_CHUNKS)
        {
          p->producer_waits = TRUE;
          while (p->count > PREFETCH_CHUNKS - PREFETCH_REFILL && !p->stop)
            g_cond_wait (&p->cond, &p->lock);
          p->producer_waits = FALSE;
        }
      if (p->stop)
        {
          g_mutex_unlock (&p->lock);
          break;
        }
      slot = (p->head + p->count) % PREFETCH_CHUNKS;
      g_mutex_unlock (&p->lock);

      /* the slot is ours until it is counted */
      while (got < PREFETCH_CHUNK)
        {
          gssize n = read (p->fd, p->chunk[slot] + PREFETCH_HEADROOM + got, PREFETCH_CHUNK - got);
          if (n < 0 && errno == EINTR)
            continue;
          if (n < 0)
            err = errno;
          if (n <= 0)
            break;
          got += (gsize) n;
        }
      /* a chunk that is short ends the input: publish it, then (for the
       * end or an error) an empty one that says so */
      done = got < PREFETCH_CHUNK;
      g_mutex_lock (&p->lock);
      p->len[slot] = got;
      p->err[slot] = got == 0 ? err : 0;
      p->count++;
      if (done && got > 0 && p->count < PREFETCH_CHUNKS)
        {
          guint last = (p->head + p->count) % PREFETCH_CHUNKS;
          p->len[last] = 0;
          p->err[last] = err;
          p->count++;
        }
      else if (done && got > 0)
        done = FALSE;   /* no room for the end marker yet: the next pass reads 0 bytes again */
      if (p->consumer_waits)
        g_cond_broadcast (&p->cond);
      g_mutex_unlock (&p->lock);
    }
  return NULL;
}

static void
prefetch_start (HlCaptureReader *r)
{
  Prefetch *p = g_new0 (Prefetch, 1);

  p->fd = r->fd;
  g_mutex_init (&p->lock);
  g_cond_init (&p->cond);
  for (guint i = 0; i < PREFETCH_CHUNKS; i++)
    p->chunk[i] = g_malloc (PREFETCH_BUFFER);
  p->thread = g_thread_try_new ("hl-read-ahead", prefetch_thread, p, NULL);
  if (p->thread == NULL)
    {
      /* no thread: read directly, as for small files */
      for (guint i = 0; i < PREFETCH_CHUNKS; i++)
        g_free (p->chunk[i]);
      g_mutex_clear (&p->lock);
      g_cond_clear (&p->cond);
      g_free (p);
      return;
    }
  r->prefetch = p;
}

static void
prefetch_free (Prefetch *p)
{
  if (p == NULL)
    return;
  g_mutex_lock (&p->lock);
  p->stop = TRUE;
  g_cond_broadcast (&p->cond);
  g_mutex_unlock (&p->lock);
  g_thread_join (p->thread);
  for (guint i = 0; i < PREFETCH_CHUNKS; i++)
    g_free (p->chunk[i]);
  g_mutex_clear (&p->lock);
  g_cond_clear (&p->cond);
  g_free (p);
}

/* Waits for the head of the ring: 1 with its slot when it holds bytes, 0
 * at the end of the input, -1 on a read error (errno set).  The end and
 * the error stay at the head for any later call. */
static int
prefetch_head (Prefetch *p, guint *slot)
{
  g_mutex_lock (&p->lock);
  if (p->count == 0)
    {
      p->consumer_waits = TRUE;
      while (p->count == 0)
        g_cond_wait (&p->cond, &p->lock);
      p->consumer_waits = FALSE;
    }
  *slot = p->head;
  g_mutex_unlock (&p->lock);
  if (p->len[*slot] > 0)
    return 1;
  if (p->err[*slot] == 0)
    return 0;
  errno = p->err[*slot];
  return -1;
}

/* Ends the use of the head chunk: `buffer` (its own, or another of
 * PREFETCH_BUFFER bytes or more) takes its place in the ring, to be
 * filled again. */
static void
prefetch_swap (Prefetch *p, guint8 *buffer)
{
  g_mutex_lock (&p->lock);
  p->chunk[p->head] = buffer;
  p->head = (p->head + 1) % PREFETCH_CHUNKS;
  p->count--;
  p->pos = 0;
  if (p->producer_waits && p->count <= PREFETCH_CHUNKS - PREFETCH_REFILL)
    g_cond_broadcast (&p->cond);
  g_mutex_unlock (&p->lock);
}

/* Like read(): bytes from the ring, 0 at the end, -1 with errno set. */
static gssize
prefetch_read (Prefetch *p, guint8 *dst, gsize len)
{
  guint slot;
  gsize n;
  int res = prefetch_head (p, &slot);

  if (res <= 0)
    return res;
  n = MIN (len, p->len[slot] - p->pos);
  memcpy (dst, p->chunk[slot] + PREFETCH_HEADROOM + p->pos, n);
  p->pos += n;
  if (p->pos == p->len[slot])
    prefetch_swap (p, p->chunk[slot]);   /* all copied: the same buffer goes back */
  return (gssize) n;
}

/* The filled chunk at the head of the ring, if it has not been read from:
 * 1 with its buffer and length, 0 at the end of the input, -1 on a read
 * error (errno set), 2 when it was partly read by prefetch_read.  The
 * chunk stays in the ring (the producer leaves it alone) until
 * prefetch_swap. */
static int
prefetch_peek (Prefetch *p, guint8 **buffer, gsize *len)
{
  guint slot;
  int res = prefetch_head (p, &slot);

  if (res <= 0)
    return res;
  if (p->pos > 0)
    return 2;
  *buffer = p->chunk[slot];
  *len = p->len[slot];
  return 1;
}


static gssize
fail_read (HlCaptureReader *r, int err)
{
  g_set_error (&r->error, HL_ERROR, HL_ERROR_IO, _("Cannot read “%s”: %s"),
               r->name, g_strerror (err));
  return -1;
}

static gssize
raw_read (HlCaptureReader *r, guint8 *dst, gsize len)
{
  for (;;)
    {
      gssize n = r->prefetch ? prefetch_read (r->prefetch, dst, len) : read (r->fd, dst, len);
      if (n >= 0)
        {
          r->raw_offset += (guint64) n;
          if (n == 0)
            r->raw_eof = TRUE;
          return n;
        }
      if (errno == EINTR)
        continue;
      return fail_read (r, errno);
    }
}

/* Inflates into dst; returns bytes produced, 0 at the end, -1 on error. */
static gssize
gz_produce (HlCaptureReader *r, guint8 *dst, gsize len)
{
  for (;;)
    {
      uInt in_before, out_before;
      int ret;

      if (r->zs.avail_in == 0 && !r->raw_eof)
        {
          gssize n = raw_read (r, r->zin, r->zin_size);
          if (n < 0)
            return -1;
          r->zs.next_in = r->zin;
          r->zs.avail_in = (uInt) n;
        }
      if (r->zs_member_done)
        {
          if (r->zs.avail_in == 0)
            {
              if (r->raw_eof)
                return 0;
              continue;
            }
          /* Concatenated gzip members are one stream (as gzip -d treats
           * them); anything else after a member is ignored like gzip does. */
          if (r->zs.next_in[0] != 0x1f)
            {
              r->zs.avail_in = 0;
              r->raw_eof = TRUE;
              return 0;
            }
          inflateReset (&r->zs);
          r->zs_member_done = FALSE;
        }

      /* Called even without new input: inflate may hold pending output. */
      r->zs.next_out = dst;
      r->zs.avail_out = (uInt) MIN (len, (gsize) G_MAXUINT32);
      in_before = r->zs.avail_in;
      out_before = r->zs.avail_out;
      ret = inflate (&r->zs, Z_NO_FLUSH);
      if (ret == Z_STREAM_END)
        r->zs_member_done = TRUE;
      else if ((ret != Z_OK && ret != Z_BUF_ERROR) ||
               (ret == Z_BUF_ERROR && in_before > 0 && r->zs.avail_in == in_before &&
                r->zs.avail_out == out_before))
        {
          g_set_error (&r->error, HL_ERROR, HL_ERROR_CORRUPT,
                       _("The gzip data of “%s” is corrupt near compressed byte %" PRIu64 " (%s)"),
                       r->name, r->raw_offset - r->zs.avail_in,
                       r->zs.msg ? r->zs.msg : "inflate error");
          return -1;
        }
      if (out_before > r->zs.avail_out)
        return (gssize) (out_before - r->zs.avail_out);
      if (!r->zs_member_done && r->zs.avail_in == 0 && r->raw_eof)
        return 0;   /* ends inside a member: reported by the caller */
    }
}

static gssize
produce (HlCaptureReader *r, guint8 *dst, gsize len)
{
  if (r->gzip)
    return gz_produce (r, dst, len);
  if (r->raw_eof)
    return 0;
  return raw_read (r, dst, len);
}

static int ensure_slow (HlCaptureReader *r, gsize need);

/* Makes `need` bytes available at buf[start].  Returns 1 when they are, 0
 * when the input ends first, -1 on an I/O error (r->error set).  Inline:
 * every record asks twice, and the bytes are nearly always there already. */
static inline int
ensure (HlCaptureReader *r, gsize need)
{
  if (G_LIKELY (r->end - r->start >= need))
    return 1;
  return ensure_slow (r, need);
}

/* With read-ahead, the window becomes the next chunk instead of having it
 * copied in: what is left of the window (the start of a record, so far
 * at most the headroom) goes in front of the chunk's data, and the old
 * window's buffer goes back to the ring.  Returns like ensure(), or 2 when
 * this cannot serve (a record longer than the headroom, a chunk already
 * partly copied): the caller then copies. */
static int
ensure_by_swap (HlCaptureReader *r, gsize need)
{
  while (r->end - r->start < need)
    {
      gsize left = r->end - r->start, len = 0;
      guint8 *chunk = NULL, *old = r->buf;
      int res;

      if (left > PREFETCH_HEADROOM)
        return 2;
      res = prefetch_peek (r->prefetch, &chunk, &len);
      if (res == 0)
        {
          r->raw_eof = TRUE;
          return 0;
        }
      if (res < 0)
        return (int) fail_read (r, errno);
      if (res == 2)
        return 2;
      memcpy (chunk + PREFETCH_HEADROOM - left, r->buf + r->start, left);
      /* a window grown for a huge block is not kept as a chunk */
      if (r->cap > 2 * PREFETCH_BUFFER)
        {
          g_free (old);
          old = g_malloc (PREFETCH_BUFFER);
        }
      prefetch_swap (r->prefetch, old);
      r->buf = chunk;
      r->cap = PREFETCH_BUFFER;
      r->start = PREFETCH_HEADROOM - left;
      r->end = PREFETCH_HEADROOM + len;
      r->raw_offset += len;
    }
  return 1;
}

static int
ensure_slow (HlCaptureReader *r, gsize need)
{
  if (r->prefetch && r->cap >= PREFETCH_BUFFER)
    {
      int res = ensure_by_swap (r, need);
      if (res != 2)
        return res;
    }
  if (need > r->cap - r->start)
    {
      memmove (r->buf, r->buf + r->start, r->end - r->start);
      r->end -= r->start;
      r->start = 0;
    }
  while (r->end - r->start < need)
    {
      gssize n;

      /* Grow with the bytes that actually arrive, not with what a length
       * field claims: a block header saying 16 MB in a short file costs
       * nothing. */
      if (r->end == r->cap)
        {
          r->cap = MIN (r->cap * 2, need);
          r->buf = g_realloc (r->buf, r->cap);
        }
      n = produce (r, r->buf + r->end, r->cap - r->end);
      if (n < 0)
        return -1;
      if (n == 0)
        return 0;
      r->end += (gsize) n;
    }
  return 1;
}

static void
consume (HlCaptureReader *r, gsize n)
{
  r->start += n;
  r->offset += n;
}

/* ---- errors ------------------------------------------------------------- */

static gboolean
fail_truncated (HlCaptureReader *r)
{
  guint64 at = r->offset + (r->end - r->start);

  if (r->frames == 0)
    g_set_error (&r->error, HL_ERROR, HL_ERROR_TRUNCATED,
                 _("“%s” is truncated at byte offset %" PRIu64 ", before the first frame"),
                 r->name, at);
  else
    g_set_error (&r->error, HL_ERROR, HL_ERROR_TRUNCATED,
                 _("“%s” is truncated at byte offset %" PRIu64 ": the record after frame %" PRIu64 " is incomplete"),
                 r->name, at, r->frames);
  return FALSE;
}

static gboolean G_GNUC_PRINTF (3, 4)
fail_corrupt (HlCaptureReader *r, guint64 offset, const char *format, ...)
{
  va_list args;
  g_autofree char *what = NULL;

  va_start (args, format);
  what = g_strdup_vprintf (format, args);
  va_end (args);
  g_set_error (&r->error, HL_ERROR, HL_ERROR_CORRUPT,
               _("“%s” is corrupt at byte offset %" PRIu64 " (after frame %" PRIu64 "): %s"),
               r->name, offset, r->frames, what);
  return FALSE;
}

/* A short input at a record boundary is the normal end, unless the gzip
 * stream itself stopped in the middle. */
static gboolean
at_end (HlCaptureReader *r)
{
  if (r->end != r->start)
    return fail_truncated (r);
  if (r->gzip && !r->zs_member_done)
    {
      g_set_error (&r->error, HL_ERROR, HL_ERROR_TRUNCATED,
                   _("“%s” is truncated: the gzip data ends early (at uncompressed byte offset %" PRIu64 ", after frame %" PRIu64 ")"),
                   r->name, r->offset, r->frames);
      return FALSE;
    }
  r->done = TRUE;
  return FALSE;
}

/* ---- describing an unknown file ----------------------------------------- */

static const struct {
  const char *magic;
  gsize       len;
  const char *what;
} known_magics[] = {
  { "PK\x03\x04", 4, N_("a ZIP archive") },
  { "BZh", 3, N_("bzip2-compressed data: decompress it first") },
  { "\xfd" "7zXZ", 5, N_("xz-compressed data: decompress it first") },
  { "\x28\xb5\x2f\xfd", 4, N_("zstd-compressed data: decompress it first") },
  { "snoop\0\0\0", 8, N_("a Solaris snoop capture: convert it with editcap") },
  { "GMBU", 4, N_("a Microsoft Network Monitor capture: convert it with editcap") },
  { "RTSS", 4, N_("a Microsoft Network Monitor capture: convert it with editcap") },
  { "%PDF", 4, N_("a PDF document") },
  { "\x89PNG", 4, N_("a PNG image") },
};

static char *
describe_start (const guint8 *p, gsize len)
{
  GString *s = g_string_new (NULL);
  gsize i, printable = 0;

  for (i = 0; i < len && i < 4; i++)
    g_string_append_printf (s, i ? " %02x" : "%02x", p[i]);
  for (i = 0; i < G_N_ELEMENTS (known_magics); i++)
    if (len >= known_magics[i].len && memcmp (p, known_magics[i].magic, known_magics[i].len) == 0)
      {
        g_string_append_printf (s, ": %s", _(known_magics[i].what));
        return g_string_free (s, FALSE);
      }
  for (i = 0; i < len; i++)
    if (p[i] == '\n' || p[i] == '\r' || p[i] == '\t' || (p[i] >= 0x20 && p[i] < 0x7f))
      printable++;
  if (len >= 4 && printable == len)
    g_string_append_printf (s, ": %s", _("looks like text"));
  return g_string_free (s, FALSE);
}

/* ---- timestamps --------------------------------------------------------- */

/* Frame times are kept between the epoch and 2^32 s (early 2106: the
 * range of the pcap format's seconds).  A corrupt pcapng time near 2^63 ns
 * would overflow the differences (and their doubles) that every later
 * stage computes. */
#define MAX_TS_NS (G_GINT64_CONSTANT (4294967296) * 1000000000)

static gint64
ts_clamp (__int128 ns)
{
  return ns < 0 ? 0 : ns > MAX_TS_NS ? MAX_TS_NS : (gint64) ns;
}

/* ---- pcap --------------------------------------------------------------- */

static inline guint32
get32 (const guint8 *p, gboolean big)
{
  return big ? ((guint32) p[0] << 24 | (guint32) p[1] << 16 | (guint32) p[2] << 8 | p[3])
             : ((guint32) p[3] << 24 | (guint32) p[2] << 16 | (guint32) p[1] << 8 | p[0]);
}

static inline guint16
get16 (const guint8 *p, gboolean big)
{
  return big ? (guint16) (p[0] << 8 | p[1]) : (guint16) (p[1] << 8 | p[0]);
}

/* DLT_RAW is 12 or 14 depending on the system, and some writers stored
 * that instead of LINKTYPE_RAW; Wireshark reads both as raw IP. */
static guint32
normalize_linktype (guint32 linktype)
{
  return linktype == 12 || linktype == 14 ? HL_LINKTYPE_RAW : linktype;
}

static gboolean
pcap_open (HlCaptureReader *r, gboolean big)
{
  const guint8 *h;
  guint32 magic;
  guint16 major;
  int ok = ensure (r, 24);

  if (ok < 0)
    return FALSE;
  if (ok == 0)
    return fail_truncated (r);
  h = r->buf + r->start;
  magic = get32 (h, big);
  r->big_endian = big;
  r->nsec = magic == PCAP_MAGIC_NS;
  r->rec_extra = magic == PCAP_MAGIC_KUZ ? 8 : 0;
  major = get16 (h + 4, big);
  if (major != 2)
    return fail_corrupt (r, r->offset + 4, _("unsupported pcap version %u.%u"),
                         major, get16 (h + 6, big));
  /* The top bits carry the FCS length (bits 26-31); the link type is the
   * low 16 bits. */
  r->linktype = normalize_linktype (get32 (h + 20, big) & 0xffff);
  consume (r, 24);
  return TRUE;
}

static gboolean
pcap_next (HlCaptureReader *r, HlFrame *frame)
{
  const guint8 *h;
  guint32 sec, frac, caplen, origlen;
  gsize hlen = 16 + r->rec_extra;
  int ok = ensure (r, hlen);

  if (ok < 0)
    return FALSE;
  if (ok == 0)
    return at_end (r);
  h = r->buf + r->start;
  sec = get32 (h, r->big_endian);
  frac = get32 (h + 4, r->big_endian);
  caplen = get32 (h + 8, r->big_endian);
  origlen = get32 (h + 12, r->big_endian);
  if (caplen > MAX_CAPLEN)
    return fail_corrupt (r, r->offset + 8,
                         _("packet record of %u bytes (the limit is %u): not a valid record"),
                         caplen, MAX_CAPLEN);
  ok = ensure (r, hlen + caplen);
  if (ok < 0)
    return FALSE;
  if (ok == 0)
    return fail_truncated (r);
  h = r->buf + r->start;

  frame->number = ++r->frames;
  /* 32-bit seconds and fraction cannot overflow 64 bits here (below 2^62) */
  frame->ts_ns = ts_clamp ((gint64) sec * 1000000000 + (gint64) frac * (r->nsec ? 1 : 1000));
  frame->linktype = r->linktype;
  frame->interface_id = 0;
  frame->caplen = caplen;
  frame->origlen = origlen;
  frame->data = h + hlen;
  consume (r, hlen + caplen);
  return TRUE;
}

/* ---- pcapng ------------------------------------------------------------- */

static gboolean
ng_read_options (HlCaptureReader *r, HlReader *rd, Interface *iface)
{
  gboolean big = r->big_endian;

  while (hl_reader_remaining (rd) >= 4)
    {
      const guint8 *p = hl_reader_bytes (rd, 4);
      guint16 code = get16 (p, big);
      guint16 len = get16 (p + 2, big);
      guint64 opt_offset = r->offset + hl_reader_offset (rd) - 4;
      const guint8 *v;

      if (code == OPT_ENDOFOPT)
        break;
      v = hl_reader_bytes (rd, len);
      if (v == NULL || !hl_reader_skip (rd, (4 - (len & 3)) & 3))
        return fail_corrupt (r, opt_offset, _("option %u runs past the end of its block"), code);
      if (iface == NULL)
        continue;
      if (code == OPT_IF_TSRESOL && len >= 1)
        {
          guint exp = v[0] & 0x7f;
          if (v[0] & 0x80)
            {
              if (exp > 63)
                return fail_corrupt (r, opt_offset, _("timestamp resolution 2^-%u is not supported"), exp);
              iface->units_per_sec = G_GUINT64_CONSTANT (1) << exp;
            }
          else
            {
              guint i;
              if (exp > 19)
                return fail_corrupt (r, opt_offset, _("timestamp resolution 10^-%u is not supported"), exp);
              iface->units_per_sec = 1;
              for (i = 0; i < exp; i++)
                iface->units_per_sec *= 10;
            }
        }
      else if (code == OPT_IF_TSOFFSET && len >= 8)
        {
          guint64 hi = get32 (v, big), lo = get32 (v + 4, big);
          gint64 secs = (gint64) (big ? (hi << 32 | lo) : (lo << 32 | hi));
          if (secs > G_GINT64_CONSTANT (9000000000) || secs < -G_GINT64_CONSTANT (9000000000))
            return fail_corrupt (r, opt_offset, _("timestamp offset out of range"));
          iface->offset_ns = secs * G_GINT64_CONSTANT (1000000000);
        }
    }
  return TRUE;
}

static gint64
ng_timestamp (const Interface *iface, guint64 ts)
{
  guint64 units = iface->units_per_sec ? iface->units_per_sec : 1000000;
  __int128 ns = (__int128) (ts / units) * 1000000000 +
                (__int128) (ts % units) * 1000000000 / units;

  return ts_clamp (ns + iface->offset_ns);
}

static gboolean
ng_section (HlCaptureReader *r, HlReader *rd, gsize block_len)
{
  guint16 major, minor;

  /* byte-order magic (already checked), version, section length (often
   * -1, not needed) */
  const guint8 *p = hl_reader_bytes (rd, 16);

  if (p == NULL || block_len < 28)
    return fail_corrupt (r, r->offset, _("section header block too short (%zu bytes)"), block_len);
  major = get16 (p + 4, r->big_endian);
  minor = get16 (p + 6, r->big_endian);
  if (major != 1)
    return fail_corrupt (r, r->offset + 12, _("unsupported pcapng version %u.%u"), major, minor);
  g_array_set_size (r->ifaces, 0);
  return ng_read_options (r, rd, NULL);
}

static gboolean
ng_interface (HlCaptureReader *r, HlReader *rd)
{
  Interface iface = { 0, 0, 1000000, 0 };
  const guint8 *p = hl_reader_bytes (rd, 8);

  if (p == NULL)
    return fail_corrupt (r, r->offset, _("interface description block too short"));
  if (r->ifaces->len >= MAX_INTERFACES)
    {
      g_set_error (&r->error, HL_ERROR, HL_ERROR_LIMIT,
                   _("“%s” defines more than %u interfaces in one section (at byte offset %" PRIu64 ")"),
                   r->name, MAX_INTERFACES, r->offset);
      return FALSE;
    }
  iface.linktype = normalize_linktype (get16 (p, r->big_endian));
  iface.snaplen = get32 (p + 4, r->big_endian);
  if (!ng_read_options (r, rd, &iface))
    return FALSE;
  g_array_append_val (r->ifaces, iface);
  return TRUE;
}

static gboolean
ng_secrets (HlCaptureReader *r, HlReader *rd)
{
  const guint8 *p = hl_reader_bytes (rd, 8);
  guint32 type, len;
  const guint8 *data;

  if (p == NULL)
    return fail_corrupt (r, r->offset, _("decryption secrets block too short"));
  type = get32 (p, r->big_endian);
  len = get32 (p + 4, r->big_endian);
  data = hl_reader_bytes (rd, len);
  if (data == NULL)
    return fail_corrupt (r, r->offset + 12,
                         _("decryption secrets length %u runs past the end of its block"), len);
  if (r->secrets_func)
    r->secrets_func (type, data, len, r->secrets_data);
  return TRUE;
}

static const Interface *
ng_iface (HlCaptureReader *r, guint32 id, guint64 offset)
{
  if (id >= r->ifaces->len)
    {
      fail_corrupt (r, offset, _("packet refers to interface %u, but the section defines %u"),
                    id, r->ifaces->len);
      return NULL;
    }
  return &g_array_index (r->ifaces, Interface, id);
}

/* Fills frame from a packet block body; returns FALSE on a corrupt block. */
static gboolean
ng_packet (HlCaptureReader *r, guint32 type, HlReader *rd, HlFrame *frame)
{
  gboolean big = r->big_endian;
  const Interface *iface;
  guint32 id, caplen, origlen;
  guint64 ts = 0;
  const guint8 *p;

  if (type == NG_SPB)
    {
      if ((p = hl_reader_bytes (rd, 4)) == NULL)
        return fail_corrupt (r, r->offset, _("simple packet block too short"));
      if ((iface = ng_iface (r, 0, r->offset)) == NULL)
        return FALSE;
      id = 0;
      origlen = get32 (p, big);
      caplen = origlen;
      if (iface->snaplen != 0)
        caplen = MIN (caplen, iface->snaplen);
      if (caplen > hl_reader_remaining (rd))
        return fail_corrupt (r, r->offset + 8,
                             _("original length %u is larger than its block"), origlen);
    }
  else
    {
      /* EPB: interface (32 bits); PB: interface and drop count (16 bits
       * each); then timestamp high/low, captured and original length. */
      if ((p = hl_reader_bytes (rd, 20)) == NULL)
        return fail_corrupt (r, r->offset, _("packet block too short"));
      if (type == NG_EPB)
        id = get32 (p, big);
      else
        id = get16 (p, big);   /* obsolete Packet Block: 16-bit id, 16-bit drop count */
      ts = (guint64) get32 (p + 4, big) << 32 | get32 (p + 8, big);
      caplen = get32 (p + 12, big);
      origlen = get32 (p + 16, big);
      if ((iface = ng_iface (r, id, r->offset + 8)) == NULL)
        return FALSE;
      if (caplen > hl_reader_remaining (rd))
        return fail_corrupt (r, r->offset + 20,
                             _("captured length %u is larger than its block"), caplen);
    }
  if (caplen > MAX_CAPLEN)
    return fail_corrupt (r, r->offset + 20,
                         _("packet of %u bytes (the limit is %u): not a valid block"),
                         caplen, MAX_CAPLEN);

  frame->number = ++r->frames;
  frame->ts_ns = type == NG_SPB ? 0 : ng_timestamp (iface, ts);
  frame->linktype = iface->linktype;
  frame->interface_id = id;
  frame->caplen = caplen;
  frame->origlen = origlen;
  frame->data = hl_reader_peek (rd);
  return TRUE;
}

static gboolean
ng_next (HlCaptureReader *r, HlFrame *frame)
{
  for (;;)
    {
      const guint8 *h;
      guint32 type, len;
      HlReader rd;
      gboolean ok, is_packet = FALSE;
      int got = ensure (r, 12);

      if (got < 0)
        return FALSE;
      if (got == 0)
        return at_end (r);
      h = r->buf + r->start;
      type = get32 (h, r->big_endian);
      if (type == NG_SHB)
        {
          guint32 bom = get32 (h + 8, TRUE);
          if (bom == NG_BYTE_ORDER)
            r->big_endian = TRUE;
          else if (bom == GUINT32_SWAP_LE_BE (NG_BYTE_ORDER))
            r->big_endian = FALSE;
          else
            return fail_corrupt (r, r->offset + 8,
                                 _("section header has a bad byte-order magic %08x"), bom);
        }
      len = get32 (h + 4, r->big_endian);
      if (len < 12 || (len & 3) != 0 || len > MAX_BLOCK)
        return fail_corrupt (r, r->offset + 4, _("impossible block length %u"), len);
      got = ensure (r, len);
      if (got < 0)
        return FALSE;
      if (got == 0)
        return fail_truncated (r);
      h = r->buf + r->start;
      if (get32 (h + len - 4, r->big_endian) != len)
        return fail_corrupt (r, r->offset + len - 4,
                             _("block length %u at the end does not match %u at the start"),
                             get32 (h + len - 4, r->big_endian), len);
      /* A reader over the body; offsets relative to the block start. */
      hl_reader_init (&rd, h, len - 4);
      hl_reader_skip (&rd, 8);
      switch (type)
        {
        case NG_SHB:
          ok = ng_section (r, &rd, len);
          break;
        case NG_IDB:
          ok = ng_interface (r, &rd);
          break;
        case NG_EPB:
        case NG_SPB:
        case NG_PB:
          ok = ng_packet (r, type, &rd, frame);
          is_packet = TRUE;
          break;
        case NG_DSB:
          ok = ng_secrets (r, &rd);
          break;
        default:   /* NRB, ISB, custom, journal and unknown blocks */
          ok = TRUE;
          break;
        }
      if (!ok)
        return FALSE;
      consume (r, len);
      if (is_packet)
        return TRUE;
    }
}

/* ---- public API --------------------------------------------------------- */

static gboolean
detect_format (HlCaptureReader *r)
{
  const guint8 *p;
  gsize have;
  int ok;

  /* Up to 12 bytes decide between pcap, pcapng and gzip. */
  ok = ensure (r, 12);
  if (ok < 0)
    return FALSE;
  p = r->buf + r->start;
  have = r->end - r->start;
  if (!r->gzip && have >= 2 && p[0] == 0x1f && p[1] == 0x8b)
    {
      /* What we read becomes the inflater's input; start over. */
      r->zin = r->buf;
      r->zin_size = r->cap;
      r->zs.next_in = r->zin + r->start;
      r->zs.avail_in = (uInt) have;
      r->buf = g_malloc (r->cap);
      r->start = r->end = 0;
      if (inflateInit2 (&r->zs, 15 + 16) != Z_OK)
        {
          g_set_error (&r->error, HL_ERROR, HL_ERROR_FAILED, "inflateInit2 failed");
          return FALSE;
        }
      r->zs_ready = TRUE;
      r->gzip = TRUE;
      return detect_format (r);
    }
  if (have == 0)
    {
      if (r->gzip && !r->zs_member_done)
        return at_end (r);
      g_set_error (&r->error, HL_ERROR, HL_ERROR_FORMAT,
                   _("“%s” is empty: not a pcap or pcapng file"), r->name);
      return FALSE;
    }
  if (have >= 4)
    {
      guint32 be = get32 (p, TRUE), le = get32 (p, FALSE);
      if (be == NG_SHB)
        {
          if (have < 12)
            return fail_truncated (r);
          r->kind = KIND_PCAPNG;
          r->ifaces = g_array_new (FALSE, FALSE, sizeof (Interface));
          return TRUE;
        }
      if (be == PCAP_MAGIC_US || be == PCAP_MAGIC_NS || be == PCAP_MAGIC_KUZ)
        {
          r->kind = KIND_PCAP;
          return pcap_open (r, TRUE);
        }
      if (le == PCAP_MAGIC_US || le == PCAP_MAGIC_NS || le == PCAP_MAGIC_KUZ)
        {
          r->kind = KIND_PCAP;
          return pcap_open (r, FALSE);
        }
    }
  else
    {
      /* Fewer than 4 bytes: a cut-off capture if they start like one. */
      static const guint8 starts[][4] = {
        { 0x0a, 0x0d, 0x0d, 0x0a }, { 0xa1, 0xb2, 0xc3, 0xd4 }, { 0xd4, 0xc3, 0xb2, 0xa1 },
        { 0xa1, 0xb2, 0x3c, 0x4d }, { 0x4d, 0x3c, 0xb2, 0xa1 },
        { 0xa1, 0xb2, 0xcd, 0x34 }, { 0x34, 0xcd, 0xb2, 0xa1 },
      };
      gsize i;
      for (i = 0; i < G_N_ELEMENTS (starts); i++)
        if (memcmp (p, starts[i], have) == 0)
          return fail_truncated (r);
    }
  {
    g_autofree char *desc = describe_start (p, have);
    g_set_error (&r->error, HL_ERROR, HL_ERROR_FORMAT,
                 _("“%s” is not a pcap or pcapng file (starts with %s)"), r->name, desc);
  }
  return FALSE;
}

HlCaptureReader *
hl_capture_reader_open_fd (int fd, const char *display_name, GError **error)
{
  HlCaptureReader *r = g_new0 (HlCaptureReader, 1);
  struct stat st;

  r->fd = fd;
  r->name = g_strdup (display_name ? display_name : "capture");
  if (fstat (fd, &st) == 0 && S_ISREG (st.st_mode))
    r->size = (guint64) st.st_size;
  r->cap = WINDOW_INITIAL;
  r->buf = g_malloc (r->cap);
  if (!detect_format (r))
    {
      g_propagate_error (error, g_steal_pointer (&r->error));
      hl_capture_reader_free (r);
      return NULL;
    }
  if (r->size >= PREFETCH_MIN && !r->gzip && !r->raw_eof)
    prefetch_start (r);
  return r;
}

HlCaptureReader *
hl_capture_reader_open (const char *path, GError **error)
{
  int fd;

  if (g_strcmp0 (path, "-") == 0)
    {
      /* Our own descriptor, so freeing the reader leaves stdin alone. */
      fd = dup (STDIN_FILENO);
      if (fd < 0)
        {
          g_set_error (error, HL_ERROR, HL_ERROR_IO, _("Cannot read standard input: %s"),
                       g_strerror (errno));
          return NULL;
        }
      return hl_capture_reader_open_fd (fd, _("standard input"), error);
    }
  fd = open (path, O_RDONLY | O_CLOEXEC);
  if (fd < 0)
    {
      int saved = errno;
      g_set_error (error, HL_ERROR, saved == EACCES ? HL_ERROR_PERMISSION : HL_ERROR_IO,
                   _("Cannot open “%s”: %s"), path, g_strerror (saved));
      return NULL;
    }
  return hl_capture_reader_open_fd (fd, path, error);
}

void
hl_capture_reader_set_secrets_func (HlCaptureReader *r, HlSecretsFunc func, gpointer user_data)
{
  r->secrets_func = func;
  r->secrets_data = user_data;
}

gboolean
hl_capture_reader_next (HlCaptureReader *r, HlFrame *frame, GError **error)
{
  gboolean ok;

  if (r->error)
    {
      if (error)
        *error = g_error_copy (r->error);
      return FALSE;
    }
  if (r->done)
    return FALSE;
  ok = r->kind == KIND_PCAP ? pcap_next (r, frame) : ng_next (r, frame);
  if (!ok && r->error && error)
    *error = g_error_copy (r->error);
  return ok;
}

const char *
hl_capture_reader_format (HlCaptureReader *r)
{
  if (r->kind == KIND_PCAPNG)
    return r->gzip ? "pcapng (gzip)" : "pcapng";
  if (r->nsec)
    return r->gzip ? "pcap-ns (gzip)" : "pcap-ns";
  return r->gzip ? "pcap (gzip)" : "pcap";
}

guint64
hl_capture_reader_offset (HlCaptureReader *r)
{
  return r->offset;
}

guint64
hl_capture_reader_size (HlCaptureReader *r)
{
  return r->size;
}

gsize
hl_capture_reader_buffer_size (HlCaptureReader *r)
{
  return r->cap + (r->gzip ? r->zin_size : 0);
}

guint64
hl_capture_reader_compressed_offset (HlCaptureReader *r)
{
  if (r->gzip)
    return r->raw_offset - r->zs.avail_in;
  return r->offset;
}

void
hl_capture_reader_free (HlCaptureReader *r)
{
  if (r == NULL)
    return;
  if (r->zs_ready)
    inflateEnd (&r->zs);
  prefetch_free (r->prefetch);   /* before the descriptor it reads goes */
  if (r->fd >= 0)
    close (r->fd);
  if (r->ifaces)
    g_array_unref (r->ifaces);
  g_clear_error (&r->error);
  g_free (r->zin);
  g_free (r->buf);
  g_free (r->name);
  g_free (r);
}
