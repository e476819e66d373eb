/* test-packet-decoder.c: crafted frames for every link type and IP path,
 * fragment reassembly, malformed headers, and the corpus against tshark. */
#include <glib.h>
#include <string.h>

#include "capture-reader.h"
#include "ip-defrag.h"
#include "packet-decoder.h"

/* ---- building packets (network byte order) ------------------------------ */

static void
put8 (GByteArray *b, guint8 v)
{
  g_byte_array_append (b, &v, 1);
}

static void
put16 (GByteArray *b, guint16 v)
{
  guint8 x[2] = { v >> 8, v & 0xff };
  g_byte_array_append (b, x, 2);
}

static void
put32 (GByteArray *b, guint32 v)
{
  guint8 x[4] = { v >> 24, v >> 16, v >> 8, v };
  g_byte_array_append (b, x, 4);
}

static void
putn (GByteArray *b, const void *p, gsize n)
{
  if (n > 0)
    g_byte_array_append (b, p, (guint) n);
}

static const guint8 SRC4[4] = { 192, 0, 2, 1 };
static const guint8 DST4[4] = { 198, 51, 100, 7 };
static const guint8 SRC6[16] = { 0x20, 0x01, 0x0d, 0xb8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1 };
static const guint8 DST6[16] = { 0x20, 0x01, 0x0d, 0xb8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 2 };

static void
fill (guint8 *p, gsize n, guint seed)
{
  gsize i;
  for (i = 0; i < n; i++)
    p[i] = (guint8) (seed * 13 + i * 5);
}

static GByteArray *
tcp_seg (guint16 sport, guint16 dport, guint32 seq, guint32 ack, guint8 flags, guint16 win,
         const guint8 *opts, gsize optlen, const guint8 *payload, gsize plen)
{
  GByteArray *b = g_byte_array_new ();

  g_assert_cmpuint (optlen % 4, ==, 0);
  put16 (b, sport);
  put16 (b, dport);
  put32 (b, seq);
  put32 (b, ack);
  put8 (b, (guint8) (((20 + optlen) / 4) << 4));
  put8 (b, flags);
  put16 (b, win);
  put16 (b, 0);   /* checksum */
  put16 (b, 0);   /* urgent */
  putn (b, opts, optlen);
  putn (b, payload, plen);
  return b;
}

/* A plain TCP segment with plen bytes of payload (seeded). */
static GByteArray *
simple_tcp (gsize plen, guint seed)
{
  guint8 payload[2000];
  g_assert_cmpuint (plen, <=, sizeof payload);
  fill (payload, plen, seed);
  return tcp_seg (51234, 443, 1000, 2000, 0x18, 512, NULL, 0, payload, plen);
}

static GByteArray *
ipv4_full (guint8 proto, guint16 id, guint16 frag, const guint8 *opts, gsize optlen,
           const guint8 *payload, gsize plen, gint total_override)
{
  GByteArray *b = g_byte_array_new ();

  g_assert_cmpuint (optlen % 4, ==, 0);
  put8 (b, (guint8) (0x40 | ((20 + optlen) / 4)));
  put8 (b, 0);
  put16 (b, total_override >= 0 ? (guint16) total_override : (guint16) (20 + optlen + plen));
  put16 (b, id);
  put16 (b, frag);
  put8 (b, 64);
  put8 (b, proto);
  put16 (b, 0);
  putn (b, SRC4, 4);
  putn (b, DST4, 4);
  putn (b, opts, optlen);
  putn (b, payload, plen);
  return b;
}

static GByteArray *
ipv4 (guint8 proto, GByteArray *payload)
{
  GByteArray *b = ipv4_full (proto, 0x1234, 0x4000, NULL, 0, payload->data, payload->len, -1);
  g_byte_array_unref (payload);
  return b;
}

static GByteArray *
ipv6 (guint8 nh, GByteArray *payload)
{
  GByteArray *b = g_byte_array_new ();

  put32 (b, 0x60000000);
  put16 (b, (guint16) payload->len);
  put8 (b, nh);
  put8 (b, 64);
  putn (b, SRC6, 16);
  putn (b, DST6, 16);
  putn (b, payload->data, payload->len);
  g_byte_array_unref (payload);
  return b;
}

/* Prepends bytes to a packet (link headers, extension headers). */
static GByteArray *
prepend (const guint8 *head, gsize n, GByteArray *inner)
{
  GByteArray *b = g_byte_array_new ();
  putn (b, head, n);
  putn (b, inner->data, inner->len);
  g_byte_array_unref (inner);
  return b;
}

static GByteArray *
eth (guint16 type, GByteArray *inner)
{
  guint8 h[14] = { 0x00, 0x11, 0x22, 0x33, 0x44, 0x55, 0x66, 0x77, 0x88, 0x99, 0xaa, 0xbb };
  h[12] = type >> 8;
  h[13] = type & 0xff;
  return prepend (h, 14, inner);
}

/* An IPv6 extension header of `len` bytes ((len/8 - 1) in the length field,
 * or AH's (len/4 - 2)). */
static GByteArray *
ext6 (guint8 next, gsize len, gboolean ah, GByteArray *inner)
{
  guint8 h[64] = { 0 };
  g_assert_cmpuint (len, <=, sizeof h);
  h[0] = next;
  h[1] = ah ? (guint8) (len / 4 - 2) : (guint8) (len / 8 - 1);
  return prepend (h, len, inner);
}

/* ---- decoding ----------------------------------------------------------- */

static guint64 frame_counter;

typedef struct {
  HlDecodeResult res;
  const char    *reason;
  HlSegment      seg;
  HlFrame        frame;
} Out;

static Out
decode_len (HlPacketDecoder *dec, guint32 linktype, const guint8 *data, gsize len)
{
  Out o;
  memset (&o, 0, sizeof o);
  o.frame.number = ++frame_counter;
  o.frame.ts_ns = (gint64) frame_counter * 1000;
  o.frame.linktype = linktype;
  o.frame.caplen = (guint32) len;
  o.frame.origlen = (guint32) len;
  o.frame.data = data;
  o.reason = "unset";
  o.res = hl_packet_decoder_decode (dec, &o.frame, &o.seg, &o.reason);
  if (o.res == HL_DECODE_MALFORMED || o.res == HL_DECODE_UNKNOWN_LINK)
    g_assert_nonnull (o.reason);
  return o;
}

static Out
decode (HlPacketDecoder *dec, guint32 linktype, GByteArray *pkt)
{
  return decode_len (dec, linktype, pkt->data, pkt->len);
}

static void
assert_v4_endpoints (const HlSegment *s)
{
  g_assert_cmpuint (s->src.family, ==, 4);
  g_assert_cmpuint (s->dst.family, ==, 4);
  g_assert_cmpmem (s->src.addr, 4, SRC4, 4);
  g_assert_cmpmem (s->dst.addr, 4, DST4, 4);
}

static void
assert_v6_endpoints (const HlSegment *s)
{
  g_assert_cmpuint (s->src.family, ==, 6);
  g_assert_cmpmem (s->src.addr, 16, SRC6, 16);
  g_assert_cmpmem (s->dst.addr, 16, DST6, 16);
}

static void
assert_simple_tcp (const Out *o, gsize plen, guint seed, gsize payload_offset)
{
  guint8 expect[2000];

  g_assert_cmpint (o->res, ==, HL_DECODE_TCP);
  g_assert_cmpuint (o->seg.src.port, ==, 51234);
  g_assert_cmpuint (o->seg.dst.port, ==, 443);
  g_assert_cmpuint (o->seg.seq, ==, 1000);
  g_assert_cmpuint (o->seg.ack, ==, 2000);
  g_assert_cmpuint (o->seg.flags, ==, HL_TCP_PSH | HL_TCP_ACK);
  g_assert_cmpuint (o->seg.window, ==, 512);
  g_assert_cmpint (o->seg.wscale, ==, -1);
  g_assert_cmpuint (o->seg.frame, ==, o->frame.number);
  g_assert_cmpint (o->seg.ts_ns, ==, o->frame.ts_ns);
  fill (expect, plen, seed);
  g_assert_cmpmem (o->seg.payload, o->seg.payload_len, expect, plen);
  g_assert_cmpuint (o->seg.payload_wire_len, ==, plen);
  g_assert_cmpuint (o->seg.payload_offset, ==, payload_offset);
  if (payload_offset)
    g_assert_true (o->seg.payload == o->frame.data + payload_offset);
}

/* ---- link layers -------------------------------------------------------- */

static void
test_ethernet_ipv4 (void)
{
  g_autoptr(HlPacketDecoder) dec = hl_packet_decoder_new ();
  g_autoptr(GByteArray) p = eth (0x0800, ipv4 (6, simple_tcp (100, 1)));
  Out o = decode (dec, HL_LINKTYPE_ETHERNET, p);

  assert_simple_tcp (&o, 100, 1, 54);
  assert_v4_endpoints (&o.seg);
  g_assert_null (o.reason);
  g_assert_cmpuint (hl_packet_decoder_stats (dec)->tcp, ==, 1);
  g_assert_cmpuint (hl_packet_decoder_stats (dec)->frames, ==, 1);
}

static void
test_tcp_options (void)
{
  g_autoptr(HlPacketDecoder) dec = hl_packet_decoder_new ();
  /* MSS, SACK permitted, timestamps, NOP, window scale 7 (20 bytes). */
  static const guint8 opts[] = {
    2, 4, 0x05, 0xb4, 4, 2, 8, 10, 0, 0, 0, 1, 0, 0, 0, 0, 1, 3, 3, 7,
  };
  static const guint8 big_shift[] = { 1, 3, 3, 20 };
  static const guint8 broken[] = { 2, 40, 0, 0, 3, 3, 5, 0 };   /* MSS length past the end */
  static const guint8 eol_first[] = { 0, 3, 3, 5 };
  static const guint8 after_eol[] = { 1, 1, 1, 1, 1, 1, 3, 3, 9, 0, 0, 0 };

  {
    g_autoptr(GByteArray) p = eth (0x0800, ipv4 (6, tcp_seg (1, 2, 3, 0, HL_TCP_SYN, 64240, opts, sizeof opts, NULL, 0)));
    Out o = decode (dec, HL_LINKTYPE_ETHERNET, p);
    g_assert_cmpint (o.res, ==, HL_DECODE_TCP);
    g_assert_cmpint (o.seg.wscale, ==, 7);
    g_assert_cmpuint (o.seg.flags, ==, HL_TCP_SYN);
    g_assert_cmpuint (o.seg.window, ==, 64240);
    g_assert_cmpuint (o.seg.payload_len, ==, 0);
    g_assert_cmpuint (o.seg.payload_offset, ==, 14 + 20 + 40);
  }
  {
    /* The same option on a segment without SYN is ignored. */
    g_autoptr(GByteArray) p = eth (0x0800, ipv4 (6, tcp_seg (1, 2, 3, 4, HL_TCP_ACK, 1, opts, sizeof opts, NULL, 0)));
    g_assert_cmpint (decode (dec, HL_LINKTYPE_ETHERNET, p).seg.wscale, ==, -1);
  }
  {
    g_autoptr(GByteArray) p = eth (0x0800, ipv4 (6, tcp_seg (1, 2, 3, 4, HL_TCP_SYN | HL_TCP_ACK, 1, big_shift, sizeof big_shift, NULL, 0)));
    g_assert_cmpint (decode (dec, HL_LINKTYPE_ETHERNET, p).seg.wscale, ==, 14);
  }
  {
    g_autoptr(GByteArray) p = eth (0x0800, ipv4 (6, tcp_seg (1, 2, 3, 4, HL_TCP_SYN, 1, broken, sizeof broken, NULL, 0)));
    Out o = decode (dec, HL_LINKTYPE_ETHERNET, p);
    g_assert_cmpint (o.res, ==, HL_DECODE_TCP);   /* bad options do not spoil the segment */
    g_assert_cmpint (o.seg.wscale, ==, -1);
  }
  {
    g_autoptr(GByteArray) p = eth (0x0800, ipv4 (6, tcp_seg (1, 2, 3, 4, HL_TCP_SYN, 1, eol_first, sizeof eol_first, NULL, 0)));
    g_assert_cmpint (decode (dec, HL_LINKTYPE_ETHERNET, p).seg.wscale, ==, -1);
  }
  {
    g_autoptr(GByteArray) p = eth (0x0800, ipv4 (6, tcp_seg (1, 2, 3, 4, HL_TCP_SYN, 1, after_eol, sizeof after_eol, NULL, 0)));
    g_assert_cmpint (decode (dec, HL_LINKTYPE_ETHERNET, p).seg.wscale, ==, 9);
  }
  {
    /* All eight flag bits. */
    g_autoptr(GByteArray) p = eth (0x0800, ipv4 (6, tcp_seg (1, 2, 3, 4, 0xff, 1, NULL, 0, NULL, 0)));
    Out o = decode (dec, HL_LINKTYPE_ETHERNET, p);
    g_assert_cmpuint (o.seg.flags, ==, 0xff);
    g_assert_cmpint (o.seg.wscale, ==, -1);
  }
}

static void
test_padding_and_snap (void)
{
  g_autoptr(HlPacketDecoder) dec = hl_packet_decoder_new ();
  g_autoptr(GByteArray) p = eth (0x0800, ipv4 (6, simple_tcp (0, 1)));
  static const guint8 pad[6] = { 0xde, 0xad, 0xbe, 0xef, 0xde, 0xad };
  Out o;

  /* 54 bytes padded to the 60-byte Ethernet minimum (plus a fake FCS). */
  putn (p, pad, 6);
  putn (p, pad, 4);
  o = decode (dec, HL_LINKTYPE_ETHERNET, p);
  g_assert_cmpint (o.res, ==, HL_DECODE_TCP);
  g_assert_cmpuint (o.seg.payload_len, ==, 0);
  g_assert_cmpuint (o.seg.payload_wire_len, ==, 0);

  /* Snapped: 1400 payload bytes on the wire, 100 captured. */
  {
    g_autoptr(GByteArray) q = eth (0x0800, ipv4 (6, simple_tcp (1400, 2)));
    o = decode_len (dec, HL_LINKTYPE_ETHERNET, q->data, 54 + 100);
    g_assert_cmpint (o.res, ==, HL_DECODE_TCP);
    g_assert_cmpuint (o.seg.payload_len, ==, 100);
    g_assert_cmpuint (o.seg.payload_wire_len, ==, 1400);
  }
  /* TSO: total length 0 means "what was captured". */
  {
    g_autoptr(GByteArray) t = simple_tcp (30, 3);
    g_autoptr(GByteArray) q = eth (0x0800, ipv4_full (6, 1, 0, NULL, 0, t->data, t->len, 0));
    o = decode (dec, HL_LINKTYPE_ETHERNET, q);
    assert_simple_tcp (&o, 30, 3, 54);
  }
}

static void
test_vlan (void)
{
  g_autoptr(HlPacketDecoder) dec = hl_packet_decoder_new ();
  static const guint16 outer[] = { 0x8100, 0x88a8, 0x9100, 0x9200 };
  gsize i;

  for (i = 0; i < G_N_ELEMENTS (outer); i++)
    {
      /* outer tag, then an 802.1Q tag, then IPv4 */
      guint8 tags[8] = { 0x00, 0x64, 0x81, 0x00, 0x00, 0xc8, 0x08, 0x00 };
      g_autoptr(GByteArray) p = eth (outer[i], prepend (tags, 8, ipv4 (6, simple_tcp (10, 4))));
      Out o = decode (dec, HL_LINKTYPE_ETHERNET, p);
      assert_simple_tcp (&o, 10, 4, 14 + 8 + 20 + 20);
    }
  {
    /* Single tag carrying IPv6. */
    guint8 tag[4] = { 0x20, 0x05, 0x86, 0xdd };
    g_autoptr(GByteArray) p = eth (0x8100, prepend (tag, 4, ipv6 (6, simple_tcp (5, 5))));
    Out o = decode (dec, HL_LINKTYPE_ETHERNET, p);
    assert_simple_tcp (&o, 5, 5, 14 + 4 + 40 + 20);
    assert_v6_endpoints (&o.seg);
  }
  {
    /* Nine stacked tags: more than we follow. */
    g_autoptr(GByteArray) inner = ipv4 (6, simple_tcp (1, 1));
    guint8 tags[36];
    for (i = 0; i < 9; i++)
      {
        tags[i * 4] = 0; tags[i * 4 + 1] = 1;
        tags[i * 4 + 2] = 0x81; tags[i * 4 + 3] = 0x00;
      }
    tags[34] = 0x08; tags[35] = 0x00;
    {
      g_autoptr(GByteArray) p = eth (0x8100, prepend (tags, sizeof tags, g_byte_array_ref (inner)));
      Out o = decode (dec, HL_LINKTYPE_ETHERNET, p);
      g_assert_cmpint (o.res, ==, HL_DECODE_MALFORMED);
      g_assert_cmpstr (o.reason, ==, "too many VLAN tags");
    }
    /* Eight are fine. */
    {
      g_autoptr(GByteArray) p = eth (0x8100, prepend (tags + 4, sizeof tags - 4, g_byte_array_ref (inner)));
      g_assert_cmpint (decode (dec, HL_LINKTYPE_ETHERNET, p).res, ==, HL_DECODE_TCP);
    }
  }
  {
    guint8 h[16] = { 0 };
    h[12] = 0x81; h[13] = 0x00; h[14] = 0x00;
    Out o = decode_len (dec, HL_LINKTYPE_ETHERNET, h, 16);
    g_assert_cmpint (o.res, ==, HL_DECODE_MALFORMED);
    g_assert_cmpstr (o.reason, ==, "VLAN tag truncated");
  }
}

static void
test_pppoe_mpls_snap (void)
{
  g_autoptr(HlPacketDecoder) dec = hl_packet_decoder_new ();
  {
    guint8 pppoe[8] = { 0x11, 0x00, 0x12, 0x34, 0x00, 0x00, 0x00, 0x21 };
    g_autoptr(GByteArray) p = eth (0x8864, prepend (pppoe, 8, ipv4 (6, simple_tcp (7, 6))));
    assert_simple_tcp ((Out[]) { decode (dec, HL_LINKTYPE_ETHERNET, p) }, 7, 6, 14 + 8 + 40);
  }
  {
    guint8 pppoe[8] = { 0x11, 0x00, 0x12, 0x34, 0x00, 0x00, 0x00, 0x57 };
    g_autoptr(GByteArray) p = eth (0x8864, prepend (pppoe, 8, ipv6 (6, simple_tcp (7, 6))));
    assert_simple_tcp ((Out[]) { decode (dec, HL_LINKTYPE_ETHERNET, p) }, 7, 6, 14 + 8 + 60);
  }
  {
    /* PPP LCP: not IP. */
    guint8 pppoe[12] = { 0x11, 0x00, 0x12, 0x34, 0x00, 0x04, 0xc0, 0x21, 1, 1, 0, 4 };
    g_autoptr(GByteArray) p = eth (0x8864, prepend (pppoe, 12, g_byte_array_new ()));
    g_assert_cmpint (decode (dec, HL_LINKTYPE_ETHERNET, p).res, ==, HL_DECODE_NOT_TCP);
  }
  {
    /* Two MPLS labels, the second with bottom-of-stack. */
    guint8 mpls[8] = { 0x00, 0x01, 0x00, 0x40, 0x00, 0x02, 0x01, 0x40 };
    g_autoptr(GByteArray) p = eth (0x8847, prepend (mpls, 8, ipv6 (6, simple_tcp (3, 7))));
    assert_simple_tcp ((Out[]) { decode (dec, HL_LINKTYPE_ETHERNET, p) }, 3, 7, 14 + 8 + 60);
  }
  {
    guint8 mpls[4] = { 0x00, 0x01, 0x00, 0x40 };   /* no bottom of stack, then nothing */
    g_autoptr(GByteArray) p = eth (0x8847, prepend (mpls, 4, g_byte_array_new ()));
    Out o = decode (dec, HL_LINKTYPE_ETHERNET, p);
    g_assert_cmpint (o.res, ==, HL_DECODE_MALFORMED);
    g_assert_cmpstr (o.reason, ==, "MPLS label truncated");
  }
  {
    /* 802.3 length field + LLC/SNAP with the IPv4 ethertype. */
    guint8 snap[8] = { 0xaa, 0xaa, 0x03, 0, 0, 0, 0x08, 0x00 };
    g_autoptr(GByteArray) inner = prepend (snap, 8, ipv4 (6, simple_tcp (9, 8)));
    g_autoptr(GByteArray) p = eth ((guint16) inner->len, g_byte_array_ref (inner));
    assert_simple_tcp ((Out[]) { decode (dec, HL_LINKTYPE_ETHERNET, p) }, 9, 8, 14 + 8 + 40);
  }
  {
    /* 802.3 with spanning-tree LLC: not IP. */
    guint8 llc[8] = { 0x42, 0x42, 0x03, 0, 0, 0, 0, 0 };
    g_autoptr(GByteArray) p = eth (38, prepend (llc, 8, g_byte_array_new ()));
    g_assert_cmpint (decode (dec, HL_LINKTYPE_ETHERNET, p).res, ==, HL_DECODE_NOT_TCP);
  }
}

static void
test_bsd_loopback (void)
{
  static const struct {
    guint32 linktype;
    guint8  family[4];
    int     ip;        /* 4, 6, or 0 = not IP */
  } cases[] = {
    { HL_LINKTYPE_NULL, { 2, 0, 0, 0 }, 4 },      /* little-endian host */
    { HL_LINKTYPE_NULL, { 0, 0, 0, 2 }, 4 },      /* big-endian host */
    { HL_LINKTYPE_NULL, { 30, 0, 0, 0 }, 6 },     /* Darwin */
    { HL_LINKTYPE_NULL, { 0, 0, 0, 24 }, 6 },     /* NetBSD/OpenBSD, big endian */
    { HL_LINKTYPE_NULL, { 28, 0, 0, 0 }, 6 },     /* FreeBSD */
    { HL_LINKTYPE_NULL, { 10, 0, 0, 0 }, 6 },     /* Linux */
    { HL_LINKTYPE_NULL, { 7, 0, 0, 0 }, 0 },
    { HL_LINKTYPE_LOOP, { 0, 0, 0, 2 }, 4 },      /* LOOP: network order */
    { HL_LINKTYPE_LOOP, { 0, 0, 0, 30 }, 6 },
    { HL_LINKTYPE_LOOP, { 2, 0, 0, 0 }, 4 },      /* tolerated the other way */
  };
  g_autoptr(HlPacketDecoder) dec = hl_packet_decoder_new ();
  gsize i;

  for (i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      gboolean v6 = cases[i].ip == 6;
      g_autoptr(GByteArray) p = prepend (cases[i].family, 4,
                                         v6 ? ipv6 (6, simple_tcp (12, 9)) : ipv4 (6, simple_tcp (12, 9)));
      Out o = decode (dec, cases[i].linktype, p);
      if (cases[i].ip == 0)
        g_assert_cmpint (o.res, ==, HL_DECODE_NOT_TCP);
      else
        {
          assert_simple_tcp (&o, 12, 9, 4 + (v6 ? 40 : 20) + 20);
          g_assert_cmpuint (o.seg.src.family, ==, cases[i].ip);
        }
    }
  {
    guint8 h[3] = { 2, 0, 0 };
    Out o = decode_len (dec, HL_LINKTYPE_NULL, h, 3);
    g_assert_cmpint (o.res, ==, HL_DECODE_MALFORMED);
    g_assert_cmpstr (o.reason, ==, "loopback header truncated");
  }
}

static void
test_linux_cooked (void)
{
  g_autoptr(HlPacketDecoder) dec = hl_packet_decoder_new ();
  {
    guint8 sll[16] = { 0, 0, 0, 1, 0, 6, 1, 2, 3, 4, 5, 6, 0, 0, 0x08, 0x00 };
    g_autoptr(GByteArray) p = prepend (sll, 16, ipv4 (6, simple_tcp (33, 10)));
    Out o = decode (dec, HL_LINKTYPE_LINUX_SLL, p);
    assert_simple_tcp (&o, 33, 10, 16 + 40);
    assert_v4_endpoints (&o.seg);
  }
  {
    /* SLL with a VLAN tag left in (proto 0x8100). */
    guint8 sll[20] = { 0, 0, 0, 1, 0, 6, 1, 2, 3, 4, 5, 6, 0, 0, 0x81, 0x00, 0, 5, 0x86, 0xdd };
    g_autoptr(GByteArray) p = prepend (sll, 20, ipv6 (6, simple_tcp (3, 10)));
    assert_simple_tcp ((Out[]) { decode (dec, HL_LINKTYPE_LINUX_SLL, p) }, 3, 10, 20 + 60);
  }
  {
    guint8 sll[16] = { 0, 0, 0, 1, 0, 6, 1, 2, 3, 4, 5, 6, 0, 0, 0x08, 0x06 };   /* ARP */
    g_autoptr(GByteArray) p = prepend (sll, 16, g_byte_array_new ());
    putn (p, "arp-arp-arp-arp-arp-arp-arp-", 28);
    g_assert_cmpint (decode (dec, HL_LINKTYPE_LINUX_SLL, p).res, ==, HL_DECODE_NOT_TCP);
  }
  {
    guint8 sll2[20] = { 0x86, 0xdd, 0, 0, 0, 0, 0, 3, 0, 1, 0, 6, 1, 2, 3, 4, 5, 6, 0, 0 };
    g_autoptr(GByteArray) p = prepend (sll2, 20, ipv6 (6, simple_tcp (44, 11)));
    Out o = decode (dec, HL_LINKTYPE_LINUX_SLL2, p);
    assert_simple_tcp (&o, 44, 11, 20 + 60);
    assert_v6_endpoints (&o.seg);
  }
  {
    guint8 sll[10] = { 0 };
    Out o = decode_len (dec, HL_LINKTYPE_LINUX_SLL, sll, 10);
    g_assert_cmpint (o.res, ==, HL_DECODE_MALFORMED);
    g_assert_cmpstr (o.reason, ==, "Linux cooked header truncated");
    o = decode_len (dec, HL_LINKTYPE_LINUX_SLL2, sll, 10);
    g_assert_cmpint (o.res, ==, HL_DECODE_MALFORMED);
    g_assert_cmpstr (o.reason, ==, "Linux cooked v2 header truncated");
  }
}

static void
test_raw_ip (void)
{
  g_autoptr(HlPacketDecoder) dec = hl_packet_decoder_new ();
  g_autoptr(GByteArray) v4 = ipv4 (6, simple_tcp (21, 12));
  g_autoptr(GByteArray) v6 = ipv6 (6, simple_tcp (21, 12));
  static const guint32 raw_types[] = { HL_LINKTYPE_RAW, 12, 14 };
  gsize i;
  Out o;

  for (i = 0; i < G_N_ELEMENTS (raw_types); i++)
    {
      o = decode (dec, raw_types[i], v4);
      assert_simple_tcp (&o, 21, 12, 40);
      assert_v4_endpoints (&o.seg);
      o = decode (dec, raw_types[i], v6);
      assert_simple_tcp (&o, 21, 12, 60);
      assert_v6_endpoints (&o.seg);
    }
  assert_simple_tcp ((Out[]) { decode (dec, HL_LINKTYPE_IPV4, v4) }, 21, 12, 40);
  assert_simple_tcp ((Out[]) { decode (dec, HL_LINKTYPE_IPV6, v6) }, 21, 12, 60);

  /* The link type says which version; the header must agree. */
  o = decode (dec, HL_LINKTYPE_IPV4, v6);
  g_assert_cmpint (o.res, ==, HL_DECODE_MALFORMED);
  g_assert_cmpstr (o.reason, ==, "IPv4 packet with a version other than 4");
  o = decode (dec, HL_LINKTYPE_IPV6, v4);
  g_assert_cmpint (o.res, ==, HL_DECODE_MALFORMED);
  g_assert_cmpstr (o.reason, ==, "IPv6 packet with a version other than 6");

  v4->data[0] = 0x55;
  o = decode (dec, HL_LINKTYPE_RAW, v4);
  g_assert_cmpint (o.res, ==, HL_DECODE_MALFORMED);
  g_assert_cmpstr (o.reason, ==, "raw IP packet with an unknown IP version");
  o = decode_len (dec, HL_LINKTYPE_RAW, v4->data, 0);
  g_assert_cmpint (o.res, ==, HL_DECODE_MALFORMED);
  g_assert_cmpstr (o.reason, ==, "IP header missing");
}

static void
test_unknown_link (void)
{
  g_autoptr(HlPacketDecoder) dec = hl_packet_decoder_new ();
  g_autoptr(GByteArray) p = ipv4 (6, simple_tcp (1, 1));
  Out o = decode (dec, 147, p);   /* USER0 */

  g_assert_cmpint (o.res, ==, HL_DECODE_UNKNOWN_LINK);
  g_assert_cmpstr (o.reason, ==, "link type not supported");
  o = decode (dec, 127, p);       /* 802.11 radiotap */
  g_assert_cmpint (o.res, ==, HL_DECODE_UNKNOWN_LINK);
  g_assert_cmpuint (hl_packet_decoder_stats (dec)->unknown_link, ==, 2);
  g_assert_cmpuint (hl_packet_decoder_stats (dec)->frames, ==, 2);
}

/* ---- IPv4 ---------------------------------------------------------------- */

static void
test_ipv4_options (void)
{
  g_autoptr(HlPacketDecoder) dec = hl_packet_decoder_new ();
  g_autoptr(GByteArray) t = simple_tcp (50, 13);
  guint8 opts[40];
  Out o;

  /* 12 bytes: record route; and the maximum, 40 bytes of NOPs. */
  memset (opts, 1, sizeof opts);
  opts[0] = 7; opts[1] = 11; opts[2] = 4;
  {
    g_autoptr(GByteArray) p = eth (0x0800, ipv4_full (6, 1, 0, opts, 12, t->data, t->len, -1));
    o = decode (dec, HL_LINKTYPE_ETHERNET, p);
    assert_simple_tcp (&o, 50, 13, 14 + 32 + 20);
  }
  memset (opts, 1, sizeof opts);
  {
    g_autoptr(GByteArray) p = eth (0x0800, ipv4_full (6, 1, 0, opts, 40, t->data, t->len, -1));
    o = decode (dec, HL_LINKTYPE_ETHERNET, p);
    assert_simple_tcp (&o, 50, 13, 14 + 60 + 20);
    /* Options cut by the snap length. */
    o = decode_len (dec, HL_LINKTYPE_ETHERNET, p->data, 14 + 40);
    g_assert_cmpint (o.res, ==, HL_DECODE_MALFORMED);
    g_assert_cmpstr (o.reason, ==, "IPv4 options truncated");
  }
}

static void
test_not_tcp (void)
{
  g_autoptr(HlPacketDecoder) dec = hl_packet_decoder_new ();
  guint8 udp[12] = { 0, 53, 0, 53, 0, 12, 0, 0, 'a', 'b', 'c', 'd' };
  Out o;

  {
    g_autoptr(GByteArray) u = g_byte_array_new ();
    putn (u, udp, sizeof udp);
    g_autoptr(GByteArray) p = eth (0x0800, ipv4 (17, g_byte_array_ref (u)));
    o = decode (dec, HL_LINKTYPE_ETHERNET, p);
    g_assert_cmpint (o.res, ==, HL_DECODE_NOT_TCP);
    g_autoptr(GByteArray) q = eth (0x86dd, ipv6 (17, g_byte_array_ref (u)));
    g_assert_cmpint (decode (dec, HL_LINKTYPE_ETHERNET, q).res, ==, HL_DECODE_NOT_TCP);
    g_autoptr(GByteArray) r = eth (0x0800, ipv4 (1, g_byte_array_ref (u)));
    g_assert_cmpint (decode (dec, HL_LINKTYPE_ETHERNET, r).res, ==, HL_DECODE_NOT_TCP);
  }
  {
    g_autoptr(GByteArray) p = eth (0x0806, g_byte_array_new ());
    putn (p, udp, sizeof udp);
    g_assert_cmpint (decode (dec, HL_LINKTYPE_ETHERNET, p).res, ==, HL_DECODE_NOT_TCP);
  }
  g_assert_cmpuint (hl_packet_decoder_stats (dec)->not_tcp, ==, 4);
  g_assert_cmpuint (hl_packet_decoder_stats (dec)->tcp, ==, 0);
}

/* ---- IPv4 fragments ----------------------------------------------------- */

/* A 120-byte TCP segment (100 payload bytes) cut at 48 and 96. */
static GByteArray *
frag4 (GByteArray *t, guint16 id, gsize off, gsize len, gboolean more)
{
  guint16 field = (guint16) ((more ? 0x2000 : 0) | (off / 8));
  return eth (0x0800, ipv4_full (6, id, field, NULL, 0, t->data + off, len, -1));
}

static void
check_reassembled (const Out *o, guint seed)
{
  assert_simple_tcp (o, 100, seed, 0);
  assert_v4_endpoints (&o->seg);
}

static void
test_fragments_in_order (void)
{
  g_autoptr(HlPacketDecoder) dec = hl_packet_decoder_new ();
  g_autoptr(GByteArray) t = simple_tcp (100, 20);
  g_autoptr(GByteArray) f1 = frag4 (t, 7, 0, 48, TRUE);
  g_autoptr(GByteArray) f2 = frag4 (t, 7, 48, 48, TRUE);
  g_autoptr(GByteArray) f3 = frag4 (t, 7, 96, 24, FALSE);
  Out o;

  g_assert_cmpint (decode (dec, HL_LINKTYPE_ETHERNET, f1).res, ==, HL_DECODE_FRAGMENT);
  g_assert_cmpint (decode (dec, HL_LINKTYPE_ETHERNET, f2).res, ==, HL_DECODE_FRAGMENT);
  o = decode (dec, HL_LINKTYPE_ETHERNET, f3);
  check_reassembled (&o, 20);
  g_assert_cmpuint (o.seg.frame, ==, o.frame.number);   /* the completing frame */
  g_assert_cmpuint (hl_packet_decoder_stats (dec)->fragments, ==, 2);
  g_assert_cmpuint (hl_packet_decoder_stats (dec)->tcp, ==, 1);

  /* The same id again later is a new datagram. */
  g_assert_cmpint (decode (dec, HL_LINKTYPE_ETHERNET, f1).res, ==, HL_DECODE_FRAGMENT);
  g_assert_cmpint (decode (dec, HL_LINKTYPE_ETHERNET, f3).res, ==, HL_DECODE_FRAGMENT);
  check_reassembled ((Out[]) { decode (dec, HL_LINKTYPE_ETHERNET, f2) }, 20);
}

static void
test_fragments_out_of_order (void)
{
  g_autoptr(HlPacketDecoder) dec = hl_packet_decoder_new ();
  g_autoptr(GByteArray) t = simple_tcp (100, 21);
  g_autoptr(GByteArray) u = simple_tcp (100, 22);
  g_autoptr(GByteArray) a1 = frag4 (t, 1, 0, 48, TRUE);
  g_autoptr(GByteArray) a2 = frag4 (t, 1, 48, 48, TRUE);
  g_autoptr(GByteArray) a3 = frag4 (t, 1, 96, 24, FALSE);
  g_autoptr(GByteArray) b1 = frag4 (u, 2, 0, 56, TRUE);
  g_autoptr(GByteArray) b2 = frag4 (u, 2, 56, 64, FALSE);

  /* Two datagrams interleaved, each out of order. */
  g_assert_cmpint (decode (dec, HL_LINKTYPE_ETHERNET, a3).res, ==, HL_DECODE_FRAGMENT);
  g_assert_cmpint (decode (dec, HL_LINKTYPE_ETHERNET, b2).res, ==, HL_DECODE_FRAGMENT);
  g_assert_cmpint (decode (dec, HL_LINKTYPE_ETHERNET, a2).res, ==, HL_DECODE_FRAGMENT);
  check_reassembled ((Out[]) { decode (dec, HL_LINKTYPE_ETHERNET, b1) }, 22);
  check_reassembled ((Out[]) { decode (dec, HL_LINKTYPE_ETHERNET, a1) }, 21);
}

static void
test_fragments_overlap (void)
{
  g_autoptr(HlPacketDecoder) dec = hl_packet_decoder_new ();
  g_autoptr(GByteArray) t = simple_tcp (100, 23);
  g_autoptr(GByteArray) evil = g_byte_array_new ();
  g_autoptr(GByteArray) f1 = frag4 (t, 9, 0, 64, TRUE);
  g_autoptr(GByteArray) f3 = frag4 (t, 9, 96, 24, FALSE);
  g_autoptr(GByteArray) f2 = NULL, dup = NULL;

  /* The second fragment covers 32..96 with different bytes in 32..64: the
   * bytes that came first are kept. */
  putn (evil, t->data, t->len);
  memset (evil->data + 32, 0xee, 32);
  f2 = frag4 (evil, 9, 32, 64, TRUE);
  dup = frag4 (t, 9, 0, 64, TRUE);
  g_assert_cmpint (decode (dec, HL_LINKTYPE_ETHERNET, f1).res, ==, HL_DECODE_FRAGMENT);
  g_assert_cmpint (decode (dec, HL_LINKTYPE_ETHERNET, f2).res, ==, HL_DECODE_FRAGMENT);
  g_assert_cmpint (decode (dec, HL_LINKTYPE_ETHERNET, dup).res, ==, HL_DECODE_FRAGMENT);
  check_reassembled ((Out[]) { decode (dec, HL_LINKTYPE_ETHERNET, f3) }, 23);

  /* Overlap the other way round: the evil copy first wins 32..64. */
  {
    g_autoptr(HlPacketDecoder) d2 = hl_packet_decoder_new ();
    Out o;
    decode (d2, HL_LINKTYPE_ETHERNET, f2);
    decode (d2, HL_LINKTYPE_ETHERNET, f1);
    o = decode (d2, HL_LINKTYPE_ETHERNET, f3);
    g_assert_cmpint (o.res, ==, HL_DECODE_TCP);
    g_assert_cmpmem (o.seg.payload, 12, evil->data + 20, 12);   /* payload starts at 20 */
    g_assert_cmpuint (o.seg.payload[12], ==, 0xee);
    g_assert_cmpmem (o.seg.payload + 44, 56, t->data + 64, 56);
  }
}

static void
test_fragments_incomplete_and_invalid (void)
{
  g_autoptr(HlPacketDecoder) dec = hl_packet_decoder_new ();
  g_autoptr(GByteArray) t = simple_tcp (100, 24);
  g_autoptr(GByteArray) f1 = frag4 (t, 3, 0, 48, TRUE);
  g_autoptr(GByteArray) f3 = frag4 (t, 3, 96, 24, FALSE);
  g_autoptr(GByteArray) odd = frag4 (t, 4, 0, 44, TRUE);         /* MF with 44 bytes */
  g_autoptr(GByteArray) other_end = frag4 (t, 3, 96, 16, FALSE); /* another length */
  g_autoptr(GByteArray) beyond = eth (0x0800, ipv4_full (6, 3, 0x2000 | (112 / 8), NULL, 0,
                                                         t->data, 16, -1)); /* 112..128: past the end */
  g_autoptr(GByteArray) huge = NULL;
  Out o;

  g_assert_cmpint (decode (dec, HL_LINKTYPE_ETHERNET, f1).res, ==, HL_DECODE_FRAGMENT);
  g_assert_cmpint (decode (dec, HL_LINKTYPE_ETHERNET, f3).res, ==, HL_DECODE_FRAGMENT);
  o = decode (dec, HL_LINKTYPE_ETHERNET, odd);
  g_assert_cmpint (o.res, ==, HL_DECODE_MALFORMED);
  g_assert_cmpstr (o.reason, ==, "fragment length not a multiple of 8");
  o = decode (dec, HL_LINKTYPE_ETHERNET, other_end);
  g_assert_cmpint (o.res, ==, HL_DECODE_MALFORMED);
  g_assert_cmpstr (o.reason, ==, "two last fragments disagree on the datagram length");
  o = decode (dec, HL_LINKTYPE_ETHERNET, beyond);
  g_assert_cmpint (o.res, ==, HL_DECODE_MALFORMED);
  g_assert_cmpstr (o.reason, ==, "fragment beyond the end of the datagram");
  /* Offset 65528 + 16 bytes: longer than any IPv4 datagram. */
  huge = eth (0x0800, ipv4_full (6, 5, 0x1fff, NULL, 0, t->data, 16, -1));
  o = decode (dec, HL_LINKTYPE_ETHERNET, huge);
  g_assert_cmpint (o.res, ==, HL_DECODE_MALFORMED);
  g_assert_cmpstr (o.reason, ==, "reassembled datagram longer than 65535 bytes");

  /* Never completed: stays a fragment; other traffic is unaffected. */
  {
    g_autoptr(GByteArray) p = eth (0x0800, ipv4 (6, simple_tcp (5, 1)));
    assert_simple_tcp ((Out[]) { decode (dec, HL_LINKTYPE_ETHERNET, p) }, 5, 1, 54);
  }
  /* A snapped fragment is held back as a fragment, never reassembled. */
  {
    g_autoptr(GByteArray) s1 = frag4 (t, 6, 0, 48, TRUE);
    g_autoptr(GByteArray) s2 = frag4 (t, 6, 48, 72, FALSE);
    g_assert_cmpint (decode_len (dec, HL_LINKTYPE_ETHERNET, s1->data, s1->len - 8).res, ==, HL_DECODE_FRAGMENT);
    g_assert_cmpint (decode (dec, HL_LINKTYPE_ETHERNET, s2).res, ==, HL_DECODE_FRAGMENT);
  }
  g_assert_cmpuint (hl_packet_decoder_stats (dec)->fragments, ==, 4);
  g_assert_cmpuint (hl_packet_decoder_stats (dec)->malformed, ==, 4);
  g_assert_cmpuint (hl_packet_decoder_stats (dec)->tcp, ==, 1);
}

/* A fragment that completes a datagram of UDP is NOT_TCP. */
static void
test_fragments_udp (void)
{
  g_autoptr(HlPacketDecoder) dec = hl_packet_decoder_new ();
  guint8 udp[40] = { 0, 53, 0, 53, 0, 40 };
  g_autoptr(GByteArray) a = eth (0x0800, ipv4_full (17, 1, 0x2000, NULL, 0, udp, 16, -1));
  g_autoptr(GByteArray) b = eth (0x0800, ipv4_full (17, 1, 0x0002, NULL, 0, udp + 16, 24, -1));

  g_assert_cmpint (decode (dec, HL_LINKTYPE_ETHERNET, a).res, ==, HL_DECODE_FRAGMENT);
  g_assert_cmpint (decode (dec, HL_LINKTYPE_ETHERNET, b).res, ==, HL_DECODE_NOT_TCP);
}

/* ---- defragmenter limits ------------------------------------------------ */

static HlDefragResult
defrag_add (HlIpDefrag *d, guint32 id, guint64 now, guint32 off, gboolean more, gsize len)
{
  static guint8 data[65536];
  HlDefragKey key = { 0 };
  const guint8 *out;
  gsize out_len;
  guint8 upper;
  const char *reason = NULL;

  key.family = 4;
  key.proto = 6;
  key.id = id;
  memcpy (key.src, SRC4, 4);
  memcpy (key.dst, DST4, 4);
  return hl_ip_defrag_add (d, &key, now, off, more, 6, data, len, &out, &out_len, &upper, &reason);
}

static void
test_defrag_limits (void)
{
  HlIpDefrag *d = hl_ip_defrag_new (256 * 1024, 16, 100);
  guint i;

  /* More datagrams than entries: the oldest go. */
  for (i = 0; i < 40; i++)
    g_assert_cmpint (defrag_add (d, i, i, 0, TRUE, 8), ==, HL_DEFRAG_HELD);
  g_assert_cmpuint (hl_ip_defrag_pending (d), ==, 16);
  g_assert_cmpuint (hl_ip_defrag_stats (d)->evicted, ==, 24);
  /* The newest survived: completing id 39 works, id 0 starts over. */
  g_assert_cmpint (defrag_add (d, 39, 40, 8, FALSE, 8), ==, HL_DEFRAG_COMPLETE);
  g_assert_cmpint (defrag_add (d, 0, 41, 8, FALSE, 8), ==, HL_DEFRAG_HELD);

  /* Expiry by packet count: 100 packets later all are gone. */
  g_assert_cmpint (defrag_add (d, 1000, 200, 0, TRUE, 8), ==, HL_DEFRAG_HELD);
  g_assert_cmpuint (hl_ip_defrag_pending (d), ==, 1);
  g_assert_cmpuint (hl_ip_defrag_stats (d)->expired, ==, 16);

  /* Byte cap: 64 KiB datagrams, 256 KiB allowed: at most 3 big ones held. */
  for (i = 0; i < 10; i++)
    g_assert_cmpint (defrag_add (d, 2000 + i, 300, 65000, TRUE, 520), ==, HL_DEFRAG_HELD);
  g_assert_cmpuint (hl_ip_defrag_held_bytes (d), <=, 256 * 1024);
  g_assert_cmpuint (hl_ip_defrag_pending (d), <=, 4);
  g_assert_cmpuint (hl_ip_defrag_pending (d), >=, 2);
  hl_ip_defrag_free (d);
}

static void
test_defrag_many_datagrams (void)
{
  /* The decoder's defaults bound memory under a flood of first fragments. */
  g_autoptr(HlPacketDecoder) dec = hl_packet_decoder_new ();
  g_autoptr(GByteArray) t = simple_tcp (100, 25);
  guint i;

  for (i = 0; i < 5000; i++)
    {
      g_autoptr(GByteArray) f = frag4 (t, (guint16) i, 0, 48, TRUE);
      g_assert_cmpint (decode (dec, HL_LINKTYPE_ETHERNET, f).res, ==, HL_DECODE_FRAGMENT);
    }
  /* The latest ones still complete. */
  {
    g_autoptr(GByteArray) f2 = frag4 (t, 4999, 48, 72, FALSE);
    check_reassembled ((Out[]) { decode (dec, HL_LINKTYPE_ETHERNET, f2) }, 25);
  }
  {
    g_autoptr(GByteArray) f2 = frag4 (t, 0, 48, 72, FALSE);   /* long evicted */
    g_assert_cmpint (decode (dec, HL_LINKTYPE_ETHERNET, f2).res, ==, HL_DECODE_FRAGMENT);
  }
}

/* ---- IPv6 ---------------------------------------------------------------- */

static void
test_ipv6_ext_headers (void)
{
  g_autoptr(HlPacketDecoder) dec = hl_packet_decoder_new ();
  Out o;

  {
    /* hop-by-hop (8) -> routing (24) -> destination options (16) -> TCP */
    g_autoptr(GByteArray) p = eth (0x86dd, ipv6 (0, ext6 (43, 8, FALSE, ext6 (60, 24, FALSE, ext6 (6, 16, FALSE, simple_tcp (40, 30))))));
    o = decode (dec, HL_LINKTYPE_ETHERNET, p);
    assert_simple_tcp (&o, 40, 30, 14 + 40 + 48 + 20);
    assert_v6_endpoints (&o.seg);
  }
  {
    /* AH (24 bytes: length field 4) -> TCP */
    g_autoptr(GByteArray) p = eth (0x86dd, ipv6 (51, ext6 (6, 24, TRUE, simple_tcp (8, 31))));
    assert_simple_tcp ((Out[]) { decode (dec, HL_LINKTYPE_ETHERNET, p) }, 8, 31, 14 + 40 + 24 + 20);
  }
  {
    /* Mobility header then TCP (same layout as destination options). */
    g_autoptr(GByteArray) p = eth (0x86dd, ipv6 (135, ext6 (6, 8, FALSE, simple_tcp (8, 32))));
    assert_simple_tcp ((Out[]) { decode (dec, HL_LINKTYPE_ETHERNET, p) }, 8, 32, 14 + 40 + 8 + 20);
  }
  {
    /* ESP: encrypted, stop. No next header: stop. */
    g_autoptr(GByteArray) p = eth (0x86dd, ipv6 (50, simple_tcp (8, 1)));
    g_assert_cmpint (decode (dec, HL_LINKTYPE_ETHERNET, p).res, ==, HL_DECODE_NOT_TCP);
    g_autoptr(GByteArray) q = eth (0x86dd, ipv6 (60, ext6 (59, 8, FALSE, g_byte_array_new ())));
    g_assert_cmpint (decode (dec, HL_LINKTYPE_ETHERNET, q).res, ==, HL_DECODE_NOT_TCP);
  }
  {
    /* Atomic fragment (offset 0, M=0): just a header to skip. */
    guint8 fh[8] = { 6, 0, 0, 0, 0xab, 0xcd, 0xef, 0x01 };
    g_autoptr(GByteArray) p = eth (0x86dd, ipv6 (44, prepend (fh, 8, simple_tcp (16, 33))));
    assert_simple_tcp ((Out[]) { decode (dec, HL_LINKTYPE_ETHERNET, p) }, 16, 33, 14 + 48 + 20);
    g_assert_cmpuint (hl_packet_decoder_stats (dec)->fragments, ==, 0);
  }
  {
    /* Seventeen destination-options headers: too many. */
    GByteArray *inner = simple_tcp (1, 1);
    int i;
    for (i = 0; i < 17; i++)
      inner = ext6 (i == 0 ? 6 : 60, 8, FALSE, inner);
    g_autoptr(GByteArray) p = eth (0x86dd, ipv6 (60, inner));
    o = decode (dec, HL_LINKTYPE_ETHERNET, p);
    g_assert_cmpint (o.res, ==, HL_DECODE_MALFORMED);
    g_assert_cmpstr (o.reason, ==, "too many IPv6 extension headers");
  }
  {
    /* Extension header length past the payload length / past the capture. */
    g_autoptr(GByteArray) p = eth (0x86dd, ipv6 (60, ext6 (6, 16, FALSE, g_byte_array_new ())));
    p->data[14 + 40 + 1] = 5;   /* claims 48 bytes */
    o = decode (dec, HL_LINKTYPE_ETHERNET, p);
    g_assert_cmpint (o.res, ==, HL_DECODE_MALFORMED);
    g_assert_cmpstr (o.reason, ==, "IPv6 extension header longer than the payload");
    g_autoptr(GByteArray) q = eth (0x86dd, ipv6 (60, ext6 (6, 16, FALSE, simple_tcp (0, 1))));
    o = decode_len (dec, HL_LINKTYPE_ETHERNET, q->data, 14 + 40 + 10);
    g_assert_cmpint (o.res, ==, HL_DECODE_MALFORMED);
    g_assert_cmpstr (o.reason, ==, "IPv6 extension header truncated");
  }
}

static GByteArray *
frag6 (GByteArray *frag_payload, guint8 next, guint32 id, gsize off, gsize len, gboolean more)
{
  guint8 fh[8];
  guint16 field = (guint16) (off | (more ? 1 : 0));
  GByteArray *part = g_byte_array_new ();

  fh[0] = next; fh[1] = 0; fh[2] = field >> 8; fh[3] = field & 0xff;
  fh[4] = id >> 24; fh[5] = id >> 16; fh[6] = id >> 8; fh[7] = id;
  putn (part, frag_payload->data + off, len);
  /* hop-by-hop before the fragment header (unfragmentable part) */
  return eth (0x86dd, ipv6 (0, ext6 (44, 8, FALSE, prepend (fh, 8, part))));
}

static void
test_ipv6_fragments (void)
{
  g_autoptr(HlPacketDecoder) dec = hl_packet_decoder_new ();
  /* Fragmentable part: destination options (8) + TCP (20 + 100). */
  g_autoptr(GByteArray) fp = ext6 (6, 8, FALSE, simple_tcp (100, 34));
  g_autoptr(GByteArray) a = frag6 (fp, 60, 0xdeadbeef, 0, 64, TRUE);
  g_autoptr(GByteArray) b = frag6 (fp, 60, 0xdeadbeef, 64, 64, FALSE);
  Out o;

  g_assert_cmpuint (fp->len, ==, 128);
  g_assert_cmpint (decode (dec, HL_LINKTYPE_ETHERNET, b).res, ==, HL_DECODE_FRAGMENT);
  o = decode (dec, HL_LINKTYPE_ETHERNET, a);
  assert_simple_tcp (&o, 100, 34, 0);
  assert_v6_endpoints (&o.seg);

  /* A fragment header inside the reassembled part is refused. */
  {
    guint8 fh[8] = { 6, 0, 0x00, 0x09, 0, 0, 0, 1 };
    g_autoptr(GByteArray) inner = prepend (fh, 8, simple_tcp (0, 1));
    g_autoptr(GByteArray) x = frag6 (inner, 44, 77, 0, 8, TRUE);
    g_autoptr(GByteArray) y = frag6 (inner, 44, 77, 8, inner->len - 8, FALSE);
    decode (dec, HL_LINKTYPE_ETHERNET, x);
    o = decode (dec, HL_LINKTYPE_ETHERNET, y);
    g_assert_cmpint (o.res, ==, HL_DECODE_MALFORMED);
    g_assert_cmpstr (o.reason, ==, "IPv6 fragment inside a reassembled fragment");
  }
}

/* ---- malformed headers -------------------------------------------------- */

static void
test_truncated_prefixes (void)
{
  /* Every prefix of an Ethernet/IPv4/TCP frame with options: the right
   * reason at each layer, and the payload grows byte by byte after it. */
  static const guint8 opts[] = { 2, 4, 0x05, 0xb4, 1, 3, 3, 2 };
  g_autoptr(HlPacketDecoder) dec = hl_packet_decoder_new ();
  g_autoptr(GByteArray) p = eth (0x0800, ipv4 (6, tcp_seg (80, 8080, 5, 6, HL_TCP_SYN, 100, opts, sizeof opts, (const guint8 *) "hello", 5)));
  gsize len;

  for (len = 0; len <= p->len; len++)
    {
      Out o = decode_len (dec, HL_LINKTYPE_ETHERNET, p->data, len);
      const char *expect = NULL;

      if (len < 14)
        expect = "Ethernet header truncated";
      else if (len < 34)
        expect = "IPv4 header truncated";
      else if (len < 54)
        expect = "TCP header truncated";
      else if (len < 62)
        expect = "TCP options truncated";
      if (expect)
        {
          g_assert_cmpint (o.res, ==, HL_DECODE_MALFORMED);
          g_assert_cmpstr (o.reason, ==, expect);
        }
      else
        {
          g_assert_cmpint (o.res, ==, HL_DECODE_TCP);
          g_assert_cmpint (o.seg.wscale, ==, 2);
          g_assert_cmpuint (o.seg.payload_len, ==, len - 62);
          g_assert_cmpuint (o.seg.payload_wire_len, ==, 5);
        }
    }
  g_assert_cmpuint (hl_packet_decoder_stats (dec)->malformed, ==, 62);
  g_assert_cmpuint (hl_packet_decoder_stats (dec)->tcp, ==, 6);

  /* The same over SLL2 and IPv6. */
  {
    guint8 sll2[20] = { 0x86, 0xdd };
    g_autoptr(GByteArray) q = prepend (sll2, 20, ipv6 (6, simple_tcp (3, 3)));
    for (len = 0; len <= q->len; len++)
      {
        Out o = decode_len (dec, HL_LINKTYPE_LINUX_SLL2, q->data, len);
        if (len < 20)
          g_assert_cmpstr (o.reason, ==, "Linux cooked v2 header truncated");
        else if (len < 60)
          g_assert_cmpstr (o.reason, ==, "IPv6 header truncated");
        else if (len < 80)
          g_assert_cmpstr (o.reason, ==, "TCP header truncated");
        else
          g_assert_cmpuint (o.seg.payload_len, ==, len - 80);
      }
  }
}

static void
test_malformed_reasons (void)
{
  g_autoptr(HlPacketDecoder) dec = hl_packet_decoder_new ();
  g_autoptr(GByteArray) t = simple_tcp (10, 1);
  Out o;

  {
    /* IHL 4 (16 bytes). */
    g_autoptr(GByteArray) p = eth (0x0800, ipv4 (6, simple_tcp (10, 1)));
    p->data[14] = 0x44;
    o = decode (dec, HL_LINKTYPE_ETHERNET, p);
    g_assert_cmpstr (o.reason, ==, "IPv4 header length below 20 bytes");
  }
  {
    g_autoptr(GByteArray) p = eth (0x0800, ipv4_full (6, 1, 0, NULL, 0, t->data, t->len, 12));
    o = decode (dec, HL_LINKTYPE_ETHERNET, p);
    g_assert_cmpstr (o.reason, ==, "IPv4 total length shorter than its header");
  }
  {
    /* IP payload of 12 bytes: shorter than a TCP header, although more
     * bytes were captured (padding). */
    g_autoptr(GByteArray) p = eth (0x0800, ipv4_full (6, 1, 0, NULL, 0, t->data, t->len, 32));
    o = decode (dec, HL_LINKTYPE_ETHERNET, p);
    g_assert_cmpint (o.res, ==, HL_DECODE_MALFORMED);
    g_assert_cmpstr (o.reason, ==, "TCP header longer than the IP payload");
  }
  {
    /* Data offset 4 (16 bytes). */
    g_autoptr(GByteArray) p = eth (0x0800, ipv4 (6, simple_tcp (10, 1)));
    p->data[14 + 20 + 12] = 0x40;
    o = decode (dec, HL_LINKTYPE_ETHERNET, p);
    g_assert_cmpstr (o.reason, ==, "TCP data offset below 20 bytes");
  }
  {
    /* Data offset 15 (60 bytes) in a 30-byte IP payload. */
    g_autoptr(GByteArray) p = eth (0x0800, ipv4 (6, simple_tcp (10, 1)));
    p->data[14 + 20 + 12] = 0xf0;
    o = decode (dec, HL_LINKTYPE_ETHERNET, p);
    g_assert_cmpstr (o.reason, ==, "TCP header longer than the IP payload");
  }
  {
    g_autoptr(GByteArray) p = eth (0x86dd, ipv6 (44, g_byte_array_new ()));
    putn (p, "\x06\0\0\x01", 4);   /* 4 bytes of a fragment header, payload length 0 */
    p->data[14 + 4] = 0; p->data[14 + 5] = 4;
    o = decode (dec, HL_LINKTYPE_ETHERNET, p);
    g_assert_cmpstr (o.reason, ==, "IPv6 fragment header longer than the payload");
  }
  g_assert_cmpuint (hl_packet_decoder_stats (dec)->malformed, ==, 6);
  g_assert_cmpuint (hl_packet_decoder_stats (dec)->frames, ==, 6);
}

/* Random bytes on every link type: no crash, and a consistent result. */
static void
test_garbage (void)
{
  static const guint32 types[] = { 0, 1, 101, 108, 113, 228, 229, 276, 12 };
  g_autoptr(HlPacketDecoder) dec = hl_packet_decoder_new ();
  GRand *rand = g_rand_new_with_seed (1234);
  guint8 buf[200];
  guint i, j;

  for (i = 0; i < 20000; i++)
    {
      guint len = g_rand_int_range (rand, 0, sizeof buf);
      Out o;
      for (j = 0; j < len; j++)
        buf[j] = (guint8) g_rand_int (rand);
      /* Bias towards IP-looking headers. */
      if (len > 20 && (i & 1))
        {
          buf[0] = (i & 2) ? 0x45 : 0x60;
          buf[14] = (i & 2) ? 0x45 : 0x60;
          buf[12] = 0x08; buf[13] = (i & 2) ? 0x00 : 0xdd;
          if (!(i & 2)) buf[12] = 0x86;
        }
      o = decode_len (dec, types[i % G_N_ELEMENTS (types)], buf, len);
      if (o.res == HL_DECODE_TCP)
        {
          g_assert_cmpuint (o.seg.payload_len, <=, o.seg.payload_wire_len);
          g_assert_true (o.seg.payload_offset == 0 ||
                         o.seg.payload_offset + o.seg.payload_len <= len);
        }
    }
  g_assert_cmpuint (hl_packet_decoder_stats (dec)->frames, ==, 20000);
  {
    const HlDecodeStats *s = hl_packet_decoder_stats (dec);
    g_assert_cmpuint (s->tcp + s->not_tcp + s->fragments + s->unknown_link + s->malformed, ==, 20000);
  }
  g_rand_free (rand);
}

/* ---- corpus -------------------------------------------------------------- */

/* tcp: `tshark -r F -Y tcp | wc -l` (TShark 4.0.17).  ours: what we decode.
 * sha: SHA-256 (first 16 hex digits) over one line per TCP segment,
 * "frame sport dport seq ack flags window tcp.len wscale\n" (wscale -1 when
 * absent), made from tshark's fields for `tcp && !icmp && !sflow`: so every
 * segment's header fields equal tshark's.
 * The one difference: pcapplusplus__tcp-reassembly.pcap frame 66 is an
 * sFlow datagram (UDP) whose flow samples contain TCP headers; tshark's
 * filter matches those, we (rightly) call the frame NOT_TCP. */
static const struct { const char *file; guint tcp, ours; const char *sha; } corpus_tcp[] = {
  { "hotplace__ubuntu20.pcap", 40, 40, "3258bbf1050bb4f5" },
  { "pcapplusplus__SSL-AlertClear.pcap", 1, 1, "1e221c66666172dd" },
  { "pcapplusplus__example2.pcap", 4321, 4321, "d8971a537c67b97e" },
  { "pcapplusplus__four_ipv6_http_streams.pcap", 81, 81, "906619612f984165" },
  { "pcapplusplus__null_loopback.pcap", 1, 1, "8fa7d94ea1a78820" },
  { "pcapplusplus__one_http_stream_rst.pcap", 10, 10, "7f06017292ba8395" },
  { "pcapplusplus__one_tcp_rst.pcap", 2, 2, "65bfbf2b503388b2" },
  { "pcapplusplus__one_tcp_stream.pcap", 36, 36, "bf35ff825a5ffa93" },
  { "pcapplusplus__one_tcp_stream_fin_rst_close_packet.pcap", 13, 13, "fa276de58521ebc7" },
  { "pcapplusplus__sll.pcap", 483, 483, "26a20a4508915a9b" },
  { "pcapplusplus__sll2.pcap", 3, 3, "d8e12c6bc0058a21" },
  { "pcapplusplus__tcp-reassembly.pcap", 66, 65, "1a4d06694a8dafa9" },
  { "pcapplusplus__tls.pcap", 44, 44, "a7314813e100ce0e" },
  { "pcapplusplus__tls1_3.pcap", 4, 4, "0d35d0b1438518e9" },
  { "pcapplusplus__tls2.pcap", 7451, 7451, "e4335a70fbaf3c95" },
  { "pcapplusplus__unidirectional_tcp_stream_with_missing_packet.pcap", 14, 14, "352ac9fe726f8ec5" },
  { "snet__TLS1_1_ECDHE-RSA-NULL-SHA.pcap", 34, 34, "73436c772a675d8b" },
  { "snet__TLS1_AECDH-AES128-SHA.pcap", 34, 34, "ac8cc7ab14ebe860" },
  { "snet__mTLS1_2_RSA.pcap", 30, 30, "2b90ef84e3c1459f" },
  { "snet__mTLS1_3_ECDSA.pcap", 35, 35, "a3731b29568789ac" },
  { "snet__mTLS1_RSA.pcap", 35, 35, "50aeeed44107ec6e" },
  { "snet__ssl3_0.pcap", 41, 41, "d1a4cd40378dd271" },
  { "snet__tls1.2_aes256.pcap", 22, 22, "f5e75a40cd79fc2b" },
  { "snet__tls1.3_aes128.pcap", 28, 28, "731019d0e9520d2f" },
  { "snet__tls1.3_curl_google.pcap", 34, 34, "47e348fb25ec2180" },
  { "snet__tls1.3_keyupdates_aes256.pcap", 38, 38, "b6fc87012fe74686" },
  { "snet__tls1.3_session_resumption.pcap", 22, 22, "9ae151ef874dfc4f" },
  { "snet__tls1_0.pcap", 38, 38, "3f8f7ab0ef7b575a" },
  { "snet__tls1_1.pcap", 44, 44, "944a8833cc5265cc" },
  { "snet__tls1_2.pcap", 38, 38, "a6223e6d527710a2" },
  { "snet__tls1_2_dhe_rsa.pcap", 31, 31, "ba1e14c77196b59c" },
  { "hotplace__handshake_failure.pcapng", 11, 11, "b9ae2bf48af72ed3" },
  { "hotplace__http1.pcapng", 74, 74, "5caef7ee94a7e23f" },
  { "hotplace__http2.pcapng", 157, 157, "05ebe1c2f919bbf6" },
  { "hotplace__tls12etm_TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA256.pcapng", 21, 21, "ffb151671329ffc7" },
  { "hotplace__tls12mte_TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA256.pcapng", 21, 21, "530a216cb69dc7a5" },
  { "hotplace__tls12no_renogotiation.pcapng", 23, 23, "0e525c8ca9a5573d" },
  { "hotplace__tls12renogotiation.pcapng", 31, 31, "83b1c8883548e58f" },
  { "hotplace__tls13_TLS_AES_128_CCM_SHA256_SecP384r1MLKEM1024.pcapng", 23, 23, "0ee26263443fcd48" },
  { "pcapplusplus__many_interfaces-1.pcapng", 32, 32, "0b92a93158bceec5" },
  { "pcapplusplus__pcapng-example.pcapng", 159, 159, "e098643a26f37445" },
  { "snet__tls1.3_aes128-dsb.pcapng", 28, 28, "731019d0e9520d2f" },
};

static void
test_corpus (void)
{
  const char *dir = g_getenv ("HL_CORPUS");
  gsize i;

  if (dir == NULL || !g_file_test (dir, G_FILE_TEST_IS_DIR))
    {
      g_test_skip ("HL_CORPUS not available");
      return;
    }
  for (i = 0; i < G_N_ELEMENTS (corpus_tcp); i++)
    {
      g_autofree char *path = g_build_filename (dir, corpus_tcp[i].file, NULL);
      g_autoptr(HlCaptureReader) r = NULL;
      g_autoptr(HlPacketDecoder) dec = hl_packet_decoder_new ();
      g_autoptr(GChecksum) sum = g_checksum_new (G_CHECKSUM_SHA256);
      GError *error = NULL;
      HlFrame f;
      guint tcp = 0;

      r = hl_capture_reader_open (path, &error);
      g_assert_no_error (error);
      while (hl_capture_reader_next (r, &f, &error))
        {
          HlSegment seg;
          const char *reason;
          if (hl_packet_decoder_decode (dec, &f, &seg, &reason) == HL_DECODE_TCP)
            {
              g_autofree char *line = g_strdup_printf ("%" G_GUINT64_FORMAT " %u %u %u %u %u %u %u %d\n",
                                                       seg.frame, seg.src.port, seg.dst.port, seg.seq, seg.ack,
                                                       seg.flags, seg.window, seg.payload_wire_len, seg.wscale);
              g_checksum_update (sum, (const guchar *) line, -1);
              g_assert_cmpuint (seg.payload_len, <=, seg.payload_wire_len);
              g_assert_true (seg.payload == f.data + seg.payload_offset);
              tcp++;
            }
        }
      g_assert_no_error (error);
      if (g_test_verbose ())
        g_printerr ("%s: %u TCP segments (tshark %u), %.16s\n", corpus_tcp[i].file, tcp,
                    corpus_tcp[i].tcp, g_checksum_get_string (sum));
      g_assert_cmpuint (tcp, ==, corpus_tcp[i].ours);
      g_assert_cmpuint (hl_packet_decoder_stats (dec)->tcp, ==, tcp);
      g_assert_cmpuint (hl_packet_decoder_stats (dec)->malformed, ==, 0);
      g_assert_cmpuint (hl_packet_decoder_stats (dec)->unknown_link, ==, 0);
      g_assert_cmpuint (hl_packet_decoder_stats (dec)->fragments, ==, 0);
      if (strncmp (g_checksum_get_string (sum), corpus_tcp[i].sha, 16) != 0)
        g_error ("%s: segment fields differ from tshark (%.16s)", corpus_tcp[i].file,
                 g_checksum_get_string (sum));
    }

  /* Spot checks of addresses. */
  {
    g_autofree char *path = g_build_filename (dir, "pcapplusplus__four_ipv6_http_streams.pcap", NULL);
    g_autoptr(HlCaptureReader) r = hl_capture_reader_open (path, NULL);
    g_autoptr(HlPacketDecoder) dec = hl_packet_decoder_new ();
    static const guint8 src[16] = { 0x20, 0x01, 0x06, 0x18, 0x04, 0x00, 0, 0, 0, 0, 0, 0, 0x51, 0x99, 0xcc, 0x70 };
    HlFrame f;
    HlSegment seg;
    const char *reason;
    g_assert_true (hl_capture_reader_next (r, &f, NULL));
    g_assert_cmpint (hl_packet_decoder_decode (dec, &f, &seg, &reason), ==, HL_DECODE_TCP);
    g_assert_cmpuint (seg.src.family, ==, 6);
    g_assert_cmpmem (seg.src.addr, 16, src, 16);
    g_assert_cmpuint (seg.src.port, ==, 35995);
    g_assert_cmpuint (seg.dst.port, ==, 80);
    g_assert_cmpuint (seg.payload_offset, ==, 40 + 40);   /* raw IP, TCP with 20 option bytes */
  }
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/packet-decoder/link/ethernet-ipv4", test_ethernet_ipv4);
  g_test_add_func ("/packet-decoder/link/vlan", test_vlan);
  g_test_add_func ("/packet-decoder/link/pppoe-mpls-snap", test_pppoe_mpls_snap);
  g_test_add_func ("/packet-decoder/link/bsd-loopback", test_bsd_loopback);
  g_test_add_func ("/packet-decoder/link/linux-cooked", test_linux_cooked);
  g_test_add_func ("/packet-decoder/link/raw-ip", test_raw_ip);
  g_test_add_func ("/packet-decoder/link/unknown", test_unknown_link);
  g_test_add_func ("/packet-decoder/tcp/options", test_tcp_options);
  g_test_add_func ("/packet-decoder/ipv4/padding-snap-tso", test_padding_and_snap);
  g_test_add_func ("/packet-decoder/ipv4/options", test_ipv4_options);
  g_test_add_func ("/packet-decoder/ipv4/not-tcp", test_not_tcp);
  g_test_add_func ("/packet-decoder/fragments/in-order", test_fragments_in_order);
  g_test_add_func ("/packet-decoder/fragments/out-of-order", test_fragments_out_of_order);
  g_test_add_func ("/packet-decoder/fragments/overlap", test_fragments_overlap);
  g_test_add_func ("/packet-decoder/fragments/incomplete-invalid", test_fragments_incomplete_and_invalid);
  g_test_add_func ("/packet-decoder/fragments/udp", test_fragments_udp);
  g_test_add_func ("/packet-decoder/fragments/limits", test_defrag_limits);
  g_test_add_func ("/packet-decoder/fragments/flood", test_defrag_many_datagrams);
  g_test_add_func ("/packet-decoder/ipv6/extension-headers", test_ipv6_ext_headers);
  g_test_add_func ("/packet-decoder/ipv6/fragments", test_ipv6_fragments);
  g_test_add_func ("/packet-decoder/malformed/truncated-prefixes", test_truncated_prefixes);
  g_test_add_func ("/packet-decoder/malformed/reasons", test_malformed_reasons);
  g_test_add_func ("/packet-decoder/malformed/garbage", test_garbage);
  g_test_add_func ("/packet-decoder/corpus", test_corpus);
  return g_test_run ();
}
