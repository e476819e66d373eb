/* keylog.c: NSS SSLKEYLOGFILE secrets, by (label, client random). */
#include "keylog.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <glib/gstdio.h>

#include "hl-error.h"
#include "i18n.h"

#define MAX_SECRET 64

typedef enum {
  LABEL_CLIENT_RANDOM,
  LABEL_CLIENT_EARLY,
  LABEL_CLIENT_HANDSHAKE,
  LABEL_SERVER_HANDSHAKE,
  LABEL_CLIENT_TRAFFIC,
  LABEL_SERVER_TRAFFIC,
  LABEL_EXPORTER,
  LABEL_EARLY_EXPORTER,
  LABEL_RSA,
  N_LABELS
} LabelId;

static const struct {
  const char *name;
  guint8      key_len;                 /* client random, or RSA prefix */
  guint8      min_secret, max_secret;
} labels[N_LABELS] = {
  [LABEL_CLIENT_RANDOM]    = { "CLIENT_RANDOM", 32, 48, 48 },
  [LABEL_CLIENT_EARLY]     = { "CLIENT_EARLY_TRAFFIC_SECRET", 32, 16, MAX_SECRET },
  [LABEL_CLIENT_HANDSHAKE] = { "CLIENT_HANDSHAKE_TRAFFIC_SECRET", 32, 16, MAX_SECRET },
  [LABEL_SERVER_HANDSHAKE] = { "SERVER_HANDSHAKE_TRAFFIC_SECRET", 32, 16, MAX_SECRET },
  [LABEL_CLIENT_TRAFFIC]   = { "CLIENT_TRAFFIC_SECRET_0", 32, 16, MAX_SECRET },
  [LABEL_SERVER_TRAFFIC]   = { "SERVER_TRAFFIC_SECRET_0", 32, 16, MAX_SECRET },
  [LABEL_EXPORTER]         = { "EXPORTER_SECRET", 32, 16, MAX_SECRET },
  [LABEL_EARLY_EXPORTER]   = { "EARLY_EXPORTER_SECRET", 32, 16, MAX_SECRET },
  [LABEL_RSA]              = { "RSA", 8, 48, 48 },
};

typedef struct {
  guint8 label;
  guint8 key[32];     /* client random, or the 8-byte RSA prefix and zeros */
  guint8 secret_len;
  guint8 secret[MAX_SECRET];
  guint  index;       /* position in HlKeylog.entries */
} Entry;

struct _HlKeylog {
  gint          ref;
  GMutex        lock;
  GHashTable   *table;     /* Entry* -> Entry* (not owned) */
  GPtrArray    *entries;   /* Entry*, insertion order, owned */
  GPtrArray    *retired;   /* replaced entries: lookups may still hold them */
  HlKeylogStats stats;
  gsize         text_bytes;
  /* Files loaded with hl_keylog_load_file are watched: a client that is
   * still running appends keys for new connections (live capture), so a
   * lookup that misses re-reads what was appended, at most every 100 ms. */
  GPtrArray    *watched;   /* Watched* */
  gint64        last_refresh_us;
};

typedef struct {
  char   *path;
  goffset offset;          /* bytes consumed (up to the last full line) */
} Watched;

static void
watched_free (Watched *w)
{
  g_free (w->path);
  g_free (w);
}

static guint
entry_hash (gconstpointer p)
{
  const Entry *e = p;
  guint h = 2166136261u ^ e->label;

  for (guint i = 0; i < sizeof e->key; i++)
    h = (h ^ e->key[i]) * 16777619u;
  return h;
}

static gboolean
entry_equal (gconstpointer a, gconstpointer b)
{
  const Entry *x = a, *y = b;

  return x->label == y->label && memcmp (x->key, y->key, sizeof x->key) == 0;
}

HlKeylog *
hl_keylog_new (void)
{
  HlKeylog *k = g_new0 (HlKeylog, 1);

  k->ref = 1;
  g_mutex_init (&k->lock);
  k->table = g_hash_table_new (entry_hash, entry_equal);
  k->entries = g_ptr_array_new_with_free_func (g_free);
  k->retired = g_ptr_array_new_with_free_func (g_free);
  return k;
}

HlKeylog *
hl_keylog_ref (HlKeylog *k)
{
  g_return_val_if_fail (k != NULL, NULL);
  g_atomic_int_inc (&k->ref);
  return k;
}

void
hl_keylog_unref (HlKeylog *k)
{
  if (k == NULL || !g_atomic_int_dec_and_test (&k->ref))
    return;
  g_hash_table_destroy (k->table);
  g_ptr_array_free (k->entries, TRUE);
  g_ptr_array_free (k->retired, TRUE);
  g_clear_pointer (&k->watched, g_ptr_array_unref);
  g_mutex_clear (&k->lock);
  g_free (k);
}

static int
label_from_name (const char *name, gsize len)
{
  for (int i = 0; i < N_LABELS; i++)
    if (strlen (labels[i].name) == len && memcmp (labels[i].name, name, len) == 0)
      return i;
  return -1;
}

/* Stores one secret; the caller holds the lock.  Returns FALSE when the
 * entry cap is reached. */
static gboolean
store_locked (HlKeylog *k, LabelId label, const guint8 *key, const guint8 *secret, gsize secret_len)
{
  Entry probe = { 0 }, *old, *e;

  probe.label = label;
  memcpy (probe.key, key, labels[label].key_len);
  old = g_hash_table_lookup (k->table, &probe);
  if (old == NULL && k->entries->len >= HL_KEYLOG_MAX_ENTRIES)
    {
      k->stats.over_limit++;
      return FALSE;
    }

  k->stats.entries++;
  if (old != NULL)
    {
      k->stats.duplicates++;
      if (old->secret_len == secret_len && memcmp (old->secret, secret, secret_len) == 0)
        return TRUE;
    }

  /* A different secret for the same key: the later line wins, as in other
   * tools.  The old entry stays allocated for lookups that returned it. */
  e = g_new0 (Entry, 1);
  *e = probe;
  e->secret_len = secret_len;
  memcpy (e->secret, secret, secret_len);
  if (old != NULL)
    {
      e->index = old->index;
      g_ptr_array_index (k->entries, old->index) = e;
      g_ptr_array_add (k->retired, old);
    }
  else
    {
      e->index = k->entries->len;
      g_ptr_array_add (k->entries, e);
    }
  g_hash_table_replace (k->table, e, e);
  return TRUE;
}

static gboolean
is_space (char c)
{
  return c == ' ' || c == '\t' || c == '\r' || c == '\v' || c == '\f';
}

/* Decodes exactly len hex bytes from s (2 * len characters). */
static gboolean
decode_hex (const char *s, gsize chars, guint8 *out, gsize len)
{
  if (chars != 2 * len)
    return FALSE;
  for (gsize i = 0; i < len; i++)
    {
      int hi = g_ascii_xdigit_value (s[2 * i]);
      int lo = g_ascii_xdigit_value (s[2 * i + 1]);

      if (hi < 0 || lo < 0)
        return FALSE;
      out[i] = hi << 4 | lo;
    }
  return TRUE;
}

static gboolean
all_label_chars (const char *s, gsize len)
{
  for (gsize i = 0; i < len; i++)
    if (!g_ascii_isupper (s[i]) && !g_ascii_isdigit (s[i]) && s[i] != '_')
      return FALSE;
  return len > 0;
}

static gboolean
all_hex (const char *s, gsize len)
{
  for (gsize i = 0; i < len; i++)
    if (!g_ascii_isxdigit (s[i]))
      return FALSE;
  return len > 0 && len % 2 == 0;
}

static void
count_junk (HlKeylog *k)
{
  k->stats.junk++;
  if (k->stats.first_junk_line == 0)
    k->stats.first_junk_line = k->stats.lines;
}

/* One line without its newline; the caller holds the lock. */
static void
parse_line_locked (HlKeylog *k, const char *p, gsize len)
{
  const char *tok[4];
  gsize tok_len[4];
  guint n = 0;
  gsize i = 0;
  int label;
  guint8 key[32] = { 0 }, secret[MAX_SECRET];
  gsize secret_len;

  k->stats.lines++;
  while (len > 0 && is_space (p[len - 1]))
    len--;
  while (i < len && is_space (p[i]))
    i++;
  if (i == len)
    {
      k->stats.blank++;
      return;
    }
  if (p[i] == '#')
    {
      k->stats.comments++;
      return;
    }

  while (i < len && n < G_N_ELEMENTS (tok))
    {
      gsize start = i;

      while (i < len && !is_space (p[i]))
        i++;
      tok[n] = p + start;
      tok_len[n++] = i - start;
      while (i < len && is_space (p[i]))
        i++;
    }
  if (n != 3 || i < len)
    {
      count_junk (k);
      return;
    }

  label = label_from_name (tok[0], tok_len[0]);
  if (label < 0)
    {
      /* A label of a newer format (ECH_SECRET, ...) is not a typo. */
      if (all_label_chars (tok[0], tok_len[0]) && all_hex (tok[1], tok_len[1])
          && all_hex (tok[2], tok_len[2]))
        k->stats.unknown_labels++;
      else
        count_junk (k);
      return;
    }

  secret_len = tok_len[2] / 2;
  if (!decode_hex (tok[1], tok_len[1], key, labels[label].key_len)
      || secret_len < labels[label].min_secret || secret_len > labels[label].max_secret
      || !decode_hex (tok[2], tok_len[2], secret, secret_len))
    {
      count_junk (k);
      return;
    }
  store_locked (k, label, key, secret, secret_len);
}

static guint
count_lines (const char *text, gsize len)
{
  guint n = 0;

  for (gsize i = 0; i < len; i++)
    if (text[i] == '\n')
      n++;
  if (len > 0 && text[len - 1] != '\n')
    n++;
  return n;
}

void
hl_keylog_add_text (HlKeylog *k, const char *text, gsize len)
{
  gsize pos = 0, budget;

  g_return_if_fail (k != NULL);
  if (text == NULL || len == 0)
    return;

  g_mutex_lock (&k->lock);
  budget = HL_KEYLOG_MAX_TEXT - MIN (k->text_bytes, HL_KEYLOG_MAX_TEXT);
  if (len > budget)
    {
      /* Keep whole lines within the cap and count the rest. */
      gsize cut = budget;

      while (cut > 0 && text[cut - 1] != '\n')
        cut--;
      k->stats.over_limit += count_lines (text + cut, len - cut);
      len = cut;
    }
  k->text_bytes += len;

  while (pos < len)
    {
      const char *nl = memchr (text + pos, '\n', len - pos);
      gsize end = nl ? (gsize) (nl - text) : len;

      parse_line_locked (k, text + pos, end - pos);
      pos = end + 1;
    }
  g_mutex_unlock (&k->lock);
}

/* Longer lines are junk: they are passed on cut (and counted as one junk
 * line), so reading never holds more than this besides one chunk. */
#define MAX_LINE 65536

static const guint8 *
last_newline (const guint8 *p, const guint8 *end)
{
  while (end > p)
    if (*--end == '\n')
      return end;
  return NULL;
}

static void watch_file (HlKeylog *k, const char *path, goffset offset);

gboolean
hl_keylog_load_file (HlKeylog *k, const char *path, GError **error)
{
  FILE *f;
  goffset total = 0;
  g_autoptr(GByteArray) carry = NULL;   /* an unfinished line */
  g_autofree guint8 *chunk = NULL;
  gboolean skip_rest = FALSE;           /* inside an over-long line */
  int saved = 0;

  g_return_val_if_fail (k != NULL && path != NULL, FALSE);

  f = g_fopen (path, "rb");
  if (f == NULL)
    {
      saved = errno;
      g_set_error (error, HL_ERROR, HL_ERROR_IO, _("Cannot open the key log file “%s”: %s"),
                   path, g_strerror (saved));
      return FALSE;
    }

  /* Streamed in whole lines: memory stays one chunk whatever the file's
   * size (add_text applies the cap on the text kept and counts the lines
   * past it). */
  chunk = g_malloc (MAX_LINE);
  carry = g_byte_array_new ();
  for (;;)
    {
      size_t n = fread (chunk, 1, MAX_LINE, f);
      const guint8 *p = chunk, *end = chunk + n;
      const guint8 *nl;

      total += n;
      if (n == 0)
        {
          if (ferror (f))
            saved = errno ? errno : EIO;
          break;
        }
      if (skip_rest)
        {
          nl = memchr (p, '\n', end - p);
          if (nl == NULL)
            continue;
          skip_rest = FALSE;
          p = nl + 1;
        }
      nl = last_newline (p, end);
      if (nl != NULL)
        {
          const guint8 *first_nl = memchr (p, '\n', end - p);

          /* the carried line ends at the first newline */
          if (carry->len > 0)
            {
              g_byte_array_append (carry, p, first_nl + 1 - p);
              hl_keylog_add_text (k, (const char *) carry->data, carry->len);
              g_byte_array_set_size (carry, 0);
              p = first_nl + 1;
            }
          if (nl + 1 > p)
            hl_keylog_add_text (k, (const char *) p, nl + 1 - p);
          p = nl + 1;
        }
      g_byte_array_append (carry, p, end - p);
      if (carry->len > MAX_LINE)
        {
          hl_keylog_add_text (k, (const char *) carry->data, MAX_LINE);
          g_byte_array_set_size (carry, 0);
          skip_rest = TRUE;
        }
    }
  fclose (f);

  if (saved)
    {
      g_set_error (error, HL_ERROR, HL_ERROR_IO, _("Cannot read the key log file “%s”: %s"),
                   path, g_strerror (saved));
      return FALSE;
    }
  if (carry->len > 0)
    hl_keylog_add_text (k, (const char *) carry->data, carry->len);
  watch_file (k, path, total);
  return TRUE;
}

static void
watch_file (HlKeylog *k, const char *path, goffset offset)
{
  Watched *w;

  g_mutex_lock (&k->lock);
  if (k->watched == NULL)
    k->watched = g_ptr_array_new_with_free_func ((GDestroyNotify) watched_free);
  w = g_new0 (Watched, 1);
  w->path = g_strdup (path);
  w->offset = offset;
  g_ptr_array_add (k->watched, w);
  g_mutex_unlock (&k->lock);
}

/* Reads what was appended to the watched files since the last read (whole
 * lines only). Returns TRUE if anything new was added. */
static gboolean
refresh_watched (HlKeylog *k)
{
  gboolean added = FALSE;
  gint64 now = g_get_monotonic_time ();
  guint n;

  g_mutex_lock (&k->lock);
  n = k->watched ? k->watched->len : 0;
  if (n == 0 || now - k->last_refresh_us < 100000)
    {
      g_mutex_unlock (&k->lock);
      return FALSE;
    }
  k->last_refresh_us = now;
  g_mutex_unlock (&k->lock);

  for (guint i = 0; i < n; i++)
    {
      Watched *w = g_ptr_array_index (k->watched, i);
      GStatBuf st;
      FILE *f;
      gsize want, got;
      g_autofree char *buf = NULL;
      const guint8 *nl;

      if (g_stat (w->path, &st) != 0 || st.st_size <= w->offset)
        continue;
      want = MIN ((gsize) (st.st_size - w->offset), (gsize) MAX_LINE * 16);
      f = g_fopen (w->path, "rb");
      if (f == NULL)
        continue;
      buf = g_malloc (want);
      got = (fseeko (f, w->offset, SEEK_SET) == 0) ? fread (buf, 1, want, f) : 0;
      fclose (f);
      nl = got ? last_newline ((const guint8 *) buf, (const guint8 *) buf + got) : NULL;
      if (nl == NULL)
        continue;
      hl_keylog_add_text (k, buf, (const char *) nl + 1 - buf);
      w->offset += (const char *) nl + 1 - buf;
      added = TRUE;
    }
  return added;
}

void
hl_keylog_add_secret (HlKeylog *k, const char *label, const guint8 client_random[32],
                      const guint8 *secret, gsize secret_len)
{
  int id;

  g_return_if_fail (k != NULL && label != NULL && client_random != NULL);

  id = label_from_name (label, strlen (label));
  if (id < 0 || secret == NULL || secret_len < labels[id].min_secret
      || secret_len > labels[id].max_secret)
    return;
  g_mutex_lock (&k->lock);
  store_locked (k, id, client_random, secret, secret_len);
  g_mutex_unlock (&k->lock);
}

static const guint8 *
lookup (HlKeylog *k, int label, const guint8 *key, gsize key_len, gsize *len)
{
  Entry probe = { 0 }, *e;

  if (len)
    *len = 0;
  if (k == NULL || label < 0 || key == NULL)
    return NULL;
  probe.label = label;
  memcpy (probe.key, key, key_len);
  g_mutex_lock (&k->lock);
  e = g_hash_table_lookup (k->table, &probe);
  g_mutex_unlock (&k->lock);
  if (e == NULL && refresh_watched (k))
    {
      g_mutex_lock (&k->lock);
      e = g_hash_table_lookup (k->table, &probe);
      g_mutex_unlock (&k->lock);
    }
  if (e == NULL)
    return NULL;
  if (len)
    *len = e->secret_len;
  return e->secret;
}

const guint8 *
hl_keylog_lookup (HlKeylog *k, const char *label, const guint8 client_random[32], gsize *len)
{
  int id = label ? label_from_name (label, strlen (label)) : -1;

  if (id == LABEL_RSA)
    id = -1;
  return lookup (k, id, client_random, 32, len);
}

const guint8 *
hl_keylog_lookup_rsa (HlKeylog *k, const guint8 encrypted_pms_prefix[8], gsize *len)
{
  return lookup (k, LABEL_RSA, encrypted_pms_prefix, 8, len);
}

gboolean
hl_keylog_has_client_random (HlKeylog *k, const guint8 client_random[32])
{
  for (int i = 0; i < N_LABELS; i++)
    if (i != LABEL_RSA && lookup (k, i, client_random, 32, NULL) != NULL)
      return TRUE;
  return FALSE;
}

const HlKeylogStats *
hl_keylog_stats (HlKeylog *k)
{
  g_return_val_if_fail (k != NULL, NULL);
  return &k->stats;
}

guint
hl_keylog_size (HlKeylog *k)
{
  guint n;

  g_return_val_if_fail (k != NULL, 0);
  g_mutex_lock (&k->lock);
  n = k->entries->len;
  g_mutex_unlock (&k->lock);
  return n;
}

static void
append_hex (GString *s, const guint8 *p, gsize len)
{
  static const char digits[] = "0123456789abcdef";

  for (gsize i = 0; i < len; i++)
    {
      g_string_append_c (s, digits[p[i] >> 4]);
      g_string_append_c (s, digits[p[i] & 15]);
    }
}

char *
hl_keylog_to_text (HlKeylog *k)
{
  GString *s;

  g_return_val_if_fail (k != NULL, NULL);
  s = g_string_new (NULL);
  g_mutex_lock (&k->lock);
  for (guint i = 0; i < k->entries->len; i++)
    {
      const Entry *e = g_ptr_array_index (k->entries, i);

      g_string_append (s, labels[e->label].name);
      g_string_append_c (s, ' ');
      append_hex (s, e->key, labels[e->label].key_len);
      g_string_append_c (s, ' ');
      append_hex (s, e->secret, e->secret_len);
      g_string_append_c (s, '\n');
    }
  g_mutex_unlock (&k->lock);
  return g_string_free (s, FALSE);
}
