/* test-reader.c: every HlReader accessor and bounds check. */
#include <glib.h>
#include <string.h>

#include "reader.h"

static const guint8 bytes[] = {
  0x01, 0x02, 0x03, 0x04, 0x05, 0x06, 0x07, 0x08, 0x09, 0x0a, 0x0b, 0x0c,
};

static void
test_init (void)
{
  HlReader r;

  hl_reader_init (&r, bytes, sizeof bytes);
  g_assert_true (hl_reader_ok (&r));
  g_assert_cmpuint (hl_reader_remaining (&r), ==, 12);
  g_assert_cmpuint (hl_reader_offset (&r), ==, 0);
  g_assert_true (hl_reader_peek (&r) == bytes);
  g_assert_null (r.error);

  hl_reader_init (&r, NULL, 0);
  g_assert_true (hl_reader_ok (&r));
  g_assert_cmpuint (hl_reader_remaining (&r), ==, 0);
}

static void
test_integers (void)
{
  HlReader r;

  hl_reader_init (&r, bytes, sizeof bytes);
  g_assert_cmpuint (hl_reader_u8 (&r), ==, 0x01);
  g_assert_cmpuint (hl_reader_u16 (&r), ==, 0x0203);
  g_assert_cmpuint (hl_reader_u24 (&r), ==, 0x040506);
  g_assert_cmpuint (hl_reader_offset (&r), ==, 6);
  g_assert_cmpuint (hl_reader_u32 (&r), ==, 0x0708090a);
  g_assert_cmpuint (hl_reader_remaining (&r), ==, 2);
  g_assert_true (hl_reader_ok (&r));

  hl_reader_init (&r, bytes, sizeof bytes);
  g_assert_cmpuint (hl_reader_u64 (&r), ==, G_GUINT64_CONSTANT (0x0102030405060708));
  g_assert_cmpuint (hl_reader_u16le (&r), ==, 0x0a09);
  g_assert_cmpuint (hl_reader_offset (&r), ==, 10);

  hl_reader_init (&r, bytes, sizeof bytes);
  g_assert_cmpuint (hl_reader_u32le (&r), ==, 0x04030201);
  g_assert_true (hl_reader_ok (&r));

  /* High bit set: no sign extension anywhere. */
  {
    static const guint8 ff[] = { 0xff, 0xfe, 0xfd, 0xfc, 0xfb, 0xfa, 0xf9, 0xf8 };
    hl_reader_init (&r, ff, sizeof ff);
    g_assert_cmpuint (hl_reader_u64 (&r), ==, G_GUINT64_CONSTANT (0xfffefdfcfbfaf9f8));
    hl_reader_init (&r, ff, sizeof ff);
    g_assert_cmpuint (hl_reader_u24 (&r), ==, 0xfffefd);
    g_assert_cmpuint (hl_reader_u32le (&r), ==, 0xf9fafbfc);
  }
}

typedef guint64 (*ReadFunc) (HlReader *r);

static guint64 rd_u8 (HlReader *r) { return hl_reader_u8 (r); }
static guint64 rd_u16 (HlReader *r) { return hl_reader_u16 (r); }
static guint64 rd_u24 (HlReader *r) { return hl_reader_u24 (r); }
static guint64 rd_u32 (HlReader *r) { return hl_reader_u32 (r); }
static guint64 rd_u64 (HlReader *r) { return hl_reader_u64 (r); }
static guint64 rd_u16le (HlReader *r) { return hl_reader_u16le (r); }
static guint64 rd_u32le (HlReader *r) { return hl_reader_u32le (r); }

/* Each accessor with one byte too few: returns 0, fails at the current
 * offset, does not move. */
static void
test_short_reads (void)
{
  static const struct { ReadFunc f; gsize width; } cases[] = {
    { rd_u8, 1 }, { rd_u16, 2 }, { rd_u24, 3 }, { rd_u32, 4 },
    { rd_u64, 8 }, { rd_u16le, 2 }, { rd_u32le, 4 },
  };
  gsize i;

  for (i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      HlReader r;

      /* Exactly enough: works and empties the reader. */
      hl_reader_init (&r, bytes + 3, cases[i].width);
      cases[i].f (&r);
      g_assert_true (hl_reader_ok (&r));
      g_assert_cmpuint (hl_reader_remaining (&r), ==, 0);

      /* One short, after a 3-byte prefix so the offset is not zero. */
      hl_reader_init (&r, bytes, 3 + cases[i].width - 1);
      hl_reader_skip (&r, 3);
      if (cases[i].width == 8)
        {
          /* Two u32 halves: the first one still fits (see u64-partial). */
          cases[i].f (&r);
          g_assert_cmpuint (r.error_offset, ==, 7);
        }
      else
        {
          g_assert_cmpuint (cases[i].f (&r), ==, 0);
          g_assert_cmpuint (r.error_offset, ==, 3);
          g_assert_cmpuint (hl_reader_offset (&r), ==, 3);
        }
      g_assert_false (hl_reader_ok (&r));
      g_assert_nonnull (r.error);
      g_assert_cmpuint (hl_reader_remaining (&r), ==, 0);
    }
}

static void
test_u64_partial (void)
{
  HlReader r;

  /* u64 is two u32 reads: with 6 bytes the first half succeeds and the
   * failure is recorded at offset 4. */
  hl_reader_init (&r, bytes, 6);
  g_assert_cmpuint (hl_reader_u64 (&r), ==, G_GUINT64_CONSTANT (0x0102030400000000));
  g_assert_false (hl_reader_ok (&r));
  g_assert_cmpuint (r.error_offset, ==, 4);

  /* With 3 bytes it fails at once. */
  hl_reader_init (&r, bytes, 3);
  g_assert_cmpuint (hl_reader_u64 (&r), ==, 0);
  g_assert_cmpuint (r.error_offset, ==, 0);
}

static void
test_skip_bytes_copy (void)
{
  HlReader r;
  guint8 out[4] = { 0 };
  const guint8 *p;

  hl_reader_init (&r, bytes, sizeof bytes);
  g_assert_true (hl_reader_skip (&r, 2));
  p = hl_reader_bytes (&r, 3);
  g_assert_true (p == bytes + 2);
  g_assert_true (hl_reader_copy (&r, out, 4));
  g_assert_cmpmem (out, 4, bytes + 5, 4);
  g_assert_cmpuint (hl_reader_offset (&r), ==, 9);
  g_assert_true (hl_reader_skip (&r, 0));
  g_assert_nonnull (hl_reader_bytes (&r, 0));
  g_assert_true (hl_reader_ok (&r));

  /* Skip past the end fails and leaves pos. */
  g_assert_false (hl_reader_skip (&r, 4));
  g_assert_false (hl_reader_ok (&r));
  g_assert_cmpuint (r.error_offset, ==, 9);
  g_assert_cmpuint (hl_reader_offset (&r), ==, 9);

  hl_reader_init (&r, bytes, sizeof bytes);
  g_assert_null (hl_reader_bytes (&r, 13));
  g_assert_cmpuint (r.error_offset, ==, 0);

  memset (out, 0xee, sizeof out);
  hl_reader_init (&r, bytes, 3);
  g_assert_false (hl_reader_copy (&r, out, 4));
  /* Nothing copied on failure. */
  g_assert_cmpuint (out[0], ==, 0xee);

  /* A huge length cannot wrap around the pointer. */
  hl_reader_init (&r, bytes, sizeof bytes);
  g_assert_false (hl_reader_skip (&r, G_MAXSIZE));
  hl_reader_init (&r, bytes, sizeof bytes);
  g_assert_null (hl_reader_bytes (&r, G_MAXSIZE - 2));
}

static void
test_sticky (void)
{
  HlReader r;
  const char *first;

  hl_reader_init (&r, bytes, sizeof bytes);
  hl_reader_skip (&r, 10);
  g_assert_cmpuint (hl_reader_u32 (&r), ==, 0);   /* fails at 10 */
  first = r.error;
  g_assert_nonnull (first);
  /* Reads that would fit the remaining 2 bytes still fail. */
  g_assert_cmpuint (hl_reader_u8 (&r), ==, 0);
  g_assert_cmpuint (hl_reader_u16 (&r), ==, 0);
  g_assert_null (hl_reader_bytes (&r, 1));
  g_assert_false (hl_reader_skip (&r, 1));
  g_assert_cmpuint (hl_reader_remaining (&r), ==, 0);
  /* The first error and its offset are kept. */
  g_assert_true (r.error == first);
  g_assert_cmpuint (r.error_offset, ==, 10);
  g_assert_cmpuint (hl_reader_offset (&r), ==, 10);

  /* hl_reader_fail: explicit, also sticky. */
  hl_reader_init (&r, bytes, sizeof bytes);
  hl_reader_skip (&r, 5);
  g_assert_false (hl_reader_fail (&r, "bad value"));
  g_assert_cmpstr (r.error, ==, "bad value");
  g_assert_cmpuint (r.error_offset, ==, 5);
  hl_reader_fail (&r, "second");
  g_assert_cmpstr (r.error, ==, "bad value");
  g_assert_cmpuint (hl_reader_u8 (&r), ==, 0);
}

static void
test_sub (void)
{
  HlReader r, sub, sub2;

  hl_reader_init (&r, bytes, sizeof bytes);
  hl_reader_skip (&r, 2);
  sub = hl_reader_sub (&r, 5);
  g_assert_true (hl_reader_ok (&sub));
  g_assert_cmpuint (hl_reader_remaining (&sub), ==, 5);
  /* Offsets stay absolute (relative to the outer base). */
  g_assert_cmpuint (hl_reader_offset (&sub), ==, 2);
  g_assert_cmpuint (hl_reader_offset (&r), ==, 7);
  g_assert_cmpuint (hl_reader_u8 (&sub), ==, 0x03);

  /* A nested sub-reader, then a short read inside it. */
  sub2 = hl_reader_sub (&sub, 3);
  g_assert_cmpuint (hl_reader_offset (&sub2), ==, 3);
  g_assert_cmpuint (hl_reader_u16 (&sub2), ==, 0x0405);
  g_assert_cmpuint (hl_reader_u16 (&sub2), ==, 0);   /* only 1 byte left */
  g_assert_false (hl_reader_ok (&sub2));
  g_assert_cmpuint (sub2.error_offset, ==, 5);
  /* The sub's end is a hard limit although the parent has more bytes. */
  g_assert_cmpuint (hl_reader_remaining (&sub), ==, 1);
  g_assert_true (hl_reader_ok (&sub));

  /* take_error copies the child's first error into the parent, once. */
  hl_reader_take_error (&sub, &sub2);
  g_assert_false (hl_reader_ok (&sub));
  g_assert_cmpuint (sub.error_offset, ==, 5);
  hl_reader_take_error (&r, &sub);
  g_assert_cmpuint (r.error_offset, ==, 5);
  {
    HlReader other;
    hl_reader_init (&other, bytes, 1);
    hl_reader_skip (&other, 1);
    hl_reader_fail (&other, "later");
    hl_reader_take_error (&r, &other);
    g_assert_cmpuint (r.error_offset, ==, 5);
    g_assert_cmpstr (r.error, !=, "later");
  }

  /* take_error from a healthy child changes nothing. */
  {
    HlReader parent, child;
    hl_reader_init (&parent, bytes, sizeof bytes);
    child = hl_reader_sub (&parent, 4);
    hl_reader_take_error (&parent, &child);
    g_assert_true (hl_reader_ok (&parent));
  }
}

static void
test_sub_too_long (void)
{
  HlReader r, sub;

  hl_reader_init (&r, bytes, sizeof bytes);
  hl_reader_skip (&r, 4);
  sub = hl_reader_sub (&r, 9);   /* 8 left */
  g_assert_false (hl_reader_ok (&r));
  g_assert_cmpuint (r.error_offset, ==, 4);
  g_assert_false (hl_reader_ok (&sub));
  g_assert_cmpuint (hl_reader_remaining (&sub), ==, 0);
  g_assert_cmpuint (hl_reader_u8 (&sub), ==, 0);
  g_assert_cmpuint (hl_reader_offset (&r), ==, 4);

  /* A sub-reader of a failed reader is failed and empty too. */
  sub = hl_reader_sub (&r, 1);
  g_assert_false (hl_reader_ok (&sub));
  g_assert_cmpuint (hl_reader_remaining (&sub), ==, 0);
}

static void
test_vectors (void)
{
  /* vec8: length 3, then 3 bytes, then a vec16 of 2, then a vec24 of 1. */
  static const guint8 v[] = {
    0x03, 0xaa, 0xbb, 0xcc,
    0x00, 0x02, 0x11, 0x22,
    0x00, 0x00, 0x01, 0x33,
  };
  HlReader r, s;

  hl_reader_init (&r, v, sizeof v);
  s = hl_reader_vec8 (&r, 1, 3);
  g_assert_true (hl_reader_ok (&s));
  g_assert_cmpuint (hl_reader_remaining (&s), ==, 3);
  g_assert_cmpuint (hl_reader_offset (&s), ==, 1);
  g_assert_cmpuint (hl_reader_u24 (&s), ==, 0xaabbcc);
  s = hl_reader_vec16 (&r, 2, 2);
  g_assert_cmpuint (hl_reader_offset (&s), ==, 6);
  g_assert_cmpuint (hl_reader_u16 (&s), ==, 0x1122);
  s = hl_reader_vec24 (&r, 0, 1);
  g_assert_cmpuint (hl_reader_offset (&s), ==, 11);
  g_assert_cmpuint (hl_reader_u8 (&s), ==, 0x33);
  g_assert_true (hl_reader_ok (&r));
  g_assert_cmpuint (hl_reader_remaining (&r), ==, 0);

  /* Below the minimum: parent fails at the offset after the prefix. */
  hl_reader_init (&r, v, sizeof v);
  s = hl_reader_vec8 (&r, 4, 10);
  g_assert_false (hl_reader_ok (&r));
  g_assert_false (hl_reader_ok (&s));
  g_assert_cmpuint (hl_reader_remaining (&s), ==, 0);
  g_assert_cmpuint (r.error_offset, ==, 1);

  /* Above the maximum. */
  hl_reader_init (&r, v, sizeof v);
  s = hl_reader_vec8 (&r, 0, 2);
  g_assert_false (hl_reader_ok (&r));
  g_assert_false (hl_reader_ok (&s));

  hl_reader_init (&r, v + 4, 4);
  s = hl_reader_vec16 (&r, 0, 1);
  g_assert_false (hl_reader_ok (&r));
  g_assert_cmpuint (r.error_offset, ==, 2);   /* relative to the reader's own base */

  hl_reader_init (&r, v + 8, 4);
  s = hl_reader_vec24 (&r, 2, 100);
  g_assert_false (hl_reader_ok (&r));

  /* Within [min, max] but longer than the data. */
  {
    static const guint8 w[] = { 0x05, 0x01, 0x02 };
    hl_reader_init (&r, w, sizeof w);
    s = hl_reader_vec8 (&r, 0, 255);
    g_assert_false (hl_reader_ok (&r));
    g_assert_false (hl_reader_ok (&s));
    g_assert_cmpuint (hl_reader_remaining (&s), ==, 0);
    g_assert_cmpuint (r.error_offset, ==, 1);
  }

  /* The prefix itself missing. */
  hl_reader_init (&r, v, 1);
  s = hl_reader_vec16 (&r, 0, 10);
  g_assert_false (hl_reader_ok (&r));
  g_assert_false (hl_reader_ok (&s));
  g_assert_cmpuint (r.error_offset, ==, 0);
  hl_reader_init (&r, v, 2);
  s = hl_reader_vec24 (&r, 0, 10);
  g_assert_false (hl_reader_ok (&s));
  hl_reader_init (&r, v, 0);
  s = hl_reader_vec8 (&r, 0, 10);
  g_assert_false (hl_reader_ok (&s));

  /* An empty vector allowed by min 0. */
  {
    static const guint8 e[] = { 0x00, 0x00, 0x07 };
    hl_reader_init (&r, e, sizeof e);
    s = hl_reader_vec16 (&r, 0, 4);
    g_assert_true (hl_reader_ok (&s));
    g_assert_cmpuint (hl_reader_remaining (&s), ==, 0);
    g_assert_cmpuint (hl_reader_u8 (&r), ==, 7);
  }
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/reader/init", test_init);
  g_test_add_func ("/reader/integers", test_integers);
  g_test_add_func ("/reader/short-reads", test_short_reads);
  g_test_add_func ("/reader/u64-partial", test_u64_partial);
  g_test_add_func ("/reader/skip-bytes-copy", test_skip_bytes_copy);
  g_test_add_func ("/reader/sticky", test_sticky);
  g_test_add_func ("/reader/sub", test_sub);
  g_test_add_func ("/reader/sub-too-long", test_sub_too_long);
  g_test_add_func ("/reader/vectors", test_vectors);
  return g_test_run ();
}
