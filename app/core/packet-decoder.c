/* packet-decoder.c: link layer -> IP -> TCP segment.
 *
 * Every header is read through an HlReader over the captured bytes.  The
 * common path (an unfragmented TCP packet) allocates nothing.  Reason
 * strings are static English text (they end up in reports and logs).
 */
#include "packet-decoder.h"

#include <string.h>

#include "ip-defrag.h"
#include "reader.h"

#define MAX_LINK_TAGS     8     /* VLAN tags / MPLS labels / SNAP headers */
#define MAX_IPV6_HEADERS  16    /* extension headers followed */

#define DEFRAG_MAX_BYTES   (4u * 1024 * 1024)
#define DEFRAG_MAX_ENTRIES 256
#define DEFRAG_MAX_AGE     20000   /* packets */

enum {
  ETHERTYPE_IPV4 = 0x0800,
  ETHERTYPE_IPV6 = 0x86dd,
  ETHERTYPE_VLAN = 0x8100,
  ETHERTYPE_QINQ = 0x88a8,
  ETHERTYPE_QINQ_OLD1 = 0x9100,
  ETHERTYPE_QINQ_OLD2 = 0x9200,
  ETHERTYPE_PPPOE_SESSION = 0x8864,
  ETHERTYPE_MPLS = 0x8847,
  ETHERTYPE_MPLS_MCAST = 0x8848,
};

enum {
  IPPROTO_HOPOPTS_ = 0,
  IPPROTO_TCP_ = 6,
  IPPROTO_ROUTING_ = 43,
  IPPROTO_FRAGMENT_ = 44,
  IPPROTO_ESP_ = 50,
  IPPROTO_AH_ = 51,
  IPPROTO_NONE_ = 59,
  IPPROTO_DSTOPTS_ = 60,
  IPPROTO_MOBILITY_ = 135,
  IPPROTO_HIP_ = 139,
  IPPROTO_SHIM6_ = 140,
};

struct _HlPacketDecoder {
  HlDecodeStats stats;
  HlIpDefrag   *defrag;
};

typedef struct {
  HlPacketDecoder *dec;
  const HlFrame   *frame;
  HlSegment       *seg;
  const char     **reason;
} Ctx;

static HlDecodeResult
malformed (Ctx *c, const char *why)
{
  *c->reason = why;
  return HL_DECODE_MALFORMED;
}

HlPacketDecoder *
hl_packet_decoder_new (void)
{
  HlPacketDecoder *dec = g_new0 (HlPacketDecoder, 1);

  dec->defrag = hl_ip_defrag_new (DEFRAG_MAX_BYTES, DEFRAG_MAX_ENTRIES, DEFRAG_MAX_AGE);
  return dec;
}

void
hl_packet_decoder_free (HlPacketDecoder *dec)
{
  if (dec == NULL)
    return;
  hl_ip_defrag_free (dec->defrag);
  g_free (dec);
}

const HlDecodeStats *
hl_packet_decoder_stats (HlPacketDecoder *dec)
{
  return &dec->stats;
}

/* ---- TCP ---------------------------------------------------------------- */

static int
syn_window_scale (const guint8 *opt, gsize len)
{
  HlReader rd;

  hl_reader_init (&rd, opt, len);
  while (hl_reader_remaining (&rd) > 0)
    {
      guint8 kind = hl_reader_u8 (&rd), olen;
      if (kind == 0)
        break;
      if (kind == 1)
        continue;
      olen = hl_reader_u8 (&rd);
      if (!hl_reader_ok (&rd) || olen < 2 || (gsize) (olen - 2) > hl_reader_remaining (&rd))
        break;   /* broken options: stop, the segment itself is fine */
      if (kind == 3 && olen == 3)
        {
          int shift = hl_reader_u8 (&rd);
          return MIN (shift, 14);   /* RFC 7323: larger means 14 */
        }
      hl_reader_skip (&rd, olen - 2);
    }
  return -1;
}

/* data: the TCP header and what follows, cap_len bytes captured out of
 * wire_len; in_frame: whether data points into the frame (not reassembled). */
static HlDecodeResult
decode_tcp (Ctx *c, const guint8 *data, gsize cap_len, gsize wire_len, gboolean in_frame)
{
  HlSegment *seg = c->seg;
  HlReader rd;
  gsize doff;

  if (wire_len < 20)
    return malformed (c, "TCP header longer than the IP payload");
  if (cap_len < 20)
    return malformed (c, "TCP header truncated");
  hl_reader_init (&rd, data, cap_len);
  seg->src.port = hl_reader_u16 (&rd);
  seg->dst.port = hl_reader_u16 (&rd);
  seg->seq = hl_reader_u32 (&rd);
  seg->ack = hl_reader_u32 (&rd);
  doff = (hl_reader_u8 (&rd) >> 4) * 4u;
  seg->flags = hl_reader_u8 (&rd);
  seg->window = hl_reader_u16 (&rd);
  if (doff < 20)
    return malformed (c, "TCP data offset below 20 bytes");
  if (doff > wire_len)
    return malformed (c, "TCP header longer than the IP payload");
  if (doff > cap_len)
    return malformed (c, "TCP options truncated");
  seg->wscale = (seg->flags & HL_TCP_SYN) ? syn_window_scale (data + 20, doff - 20) : -1;
  seg->payload = data + doff;
  seg->payload_len = (guint32) (cap_len - doff);
  seg->payload_wire_len = (guint32) (wire_len - doff);
  seg->payload_offset = in_frame ? (guint32) (seg->payload - c->frame->data) : 0;
  seg->frame = c->frame->number;
  seg->ts_ns = c->frame->ts_ns;
  return HL_DECODE_TCP;
}

static HlDecodeResult
decode_transport (Ctx *c, guint8 proto, const guint8 *data, gsize cap_len, gsize wire_len,
                  gboolean in_frame)
{
  if (proto != IPPROTO_TCP_)
    return HL_DECODE_NOT_TCP;
  return decode_tcp (c, data, cap_len, wire_len, in_frame);
}

/* ---- IPv4 --------------------------------------------------------------- */

static void
set_endpoints (HlSegment *seg, guint8 family, const guint8 *src, const guint8 *dst)
{
  gsize n = family == 4 ? 4 : 16;

  seg->src.family = seg->dst.family = family;
  memcpy (seg->src.addr, src, n);
  memcpy (seg->dst.addr, dst, n);
}

static HlDecodeResult
decode_ipv4 (Ctx *c, HlReader *rd)
{
  gsize rem = hl_reader_remaining (rd), ihl, total, cap_payload, wire_payload;
  const guint8 *p = hl_reader_peek (rd), *src, *dst;
  HlReader h;
  guint8 vihl;
  guint16 frag, id;
  guint32 frag_offset;
  gboolean more;
  guint8 proto;

  if (rem < 20)
    return malformed (c, "IPv4 header truncated");
  hl_reader_init (&h, p, rem);
  vihl = hl_reader_u8 (&h);
  if ((vihl >> 4) != 4)
    return malformed (c, "IPv4 packet with a version other than 4");
  ihl = (vihl & 0x0f) * 4u;
  if (ihl < 20)
    return malformed (c, "IPv4 header length below 20 bytes");
  if (ihl > rem)
    return malformed (c, "IPv4 options truncated");
  hl_reader_skip (&h, 1);              /* DSCP, ECN */
  total = hl_reader_u16 (&h);
  id = hl_reader_u16 (&h);
  frag = hl_reader_u16 (&h);
  hl_reader_skip (&h, 1);              /* TTL */
  proto = hl_reader_u8 (&h);
  hl_reader_skip (&h, 2);              /* checksum */
  src = hl_reader_bytes (&h, 4);
  dst = hl_reader_bytes (&h, 4);
  if (!hl_reader_ok (&h))
    return malformed (c, "IPv4 header truncated");
  if (total == 0)
    total = rem;   /* TCP segmentation offload: the length is not filled in */
  if (total < ihl)
    return malformed (c, "IPv4 total length shorter than its header");
  more = (frag & 0x2000) != 0;
  frag_offset = (frag & 0x1fffu) * 8u;
  /* Bytes past the total length are link padding (or an FCS): ignored. */
  cap_payload = MIN (rem, total) - ihl;
  wire_payload = total - ihl;

  memset (c->seg, 0, sizeof *c->seg);
  set_endpoints (c->seg, 4, src, dst);

  if (more || frag_offset != 0)
    {
      HlDefragKey key = { 0 };
      const guint8 *out;
      gsize out_len;
      guint8 upper;

      if (cap_payload < wire_payload)
        return HL_DECODE_FRAGMENT;   /* snapped: it cannot complete a datagram */
      key.family = 4;
      key.proto = proto;
      key.id = id;
      memcpy (key.src, src, 4);
      memcpy (key.dst, dst, 4);
      switch (hl_ip_defrag_add (c->dec->defrag, &key, c->dec->stats.frames, frag_offset, more,
                                proto, p + ihl, cap_payload, &out, &out_len, &upper, c->reason))
        {
        case HL_DEFRAG_HELD:
          return HL_DECODE_FRAGMENT;
        case HL_DEFRAG_INVALID:
          return HL_DECODE_MALFORMED;
        case HL_DEFRAG_COMPLETE:
          break;
        }
      return decode_transport (c, upper, out, out_len, out_len, FALSE);
    }
  return decode_transport (c, proto, p + ihl, cap_payload, wire_payload, TRUE);
}

/* ---- IPv6 --------------------------------------------------------------- */

static HlDecodeResult
decode_ipv6 (Ctx *c, HlReader *rd)
{
  gsize rem = hl_reader_remaining (rd), plen, cap_left, wire_left;
  const guint8 *p = hl_reader_peek (rd), *cur, *src, *dst;
  HlReader h;
  gboolean in_frame = TRUE;
  guint8 nh;
  int i;

  if (rem < 40)
    return malformed (c, "IPv6 header truncated");
  hl_reader_init (&h, p, rem);
  if ((hl_reader_u8 (&h) >> 4) != 6)
    return malformed (c, "IPv6 packet with a version other than 6");
  hl_reader_skip (&h, 3);              /* traffic class, flow label */
  plen = hl_reader_u16 (&h);
  nh = hl_reader_u8 (&h);
  hl_reader_skip (&h, 1);              /* hop limit */
  src = hl_reader_bytes (&h, 16);
  dst = hl_reader_bytes (&h, 16);
  if (!hl_reader_ok (&h))
    return malformed (c, "IPv6 header truncated");
  if (plen == 0)
    plen = rem - 40;   /* jumbogram or segmentation offload */
  cur = p + 40;
  wire_left = plen;
  cap_left = MIN (rem - 40, plen);

  memset (c->seg, 0, sizeof *c->seg);
  set_endpoints (c->seg, 6, src, dst);

  for (i = 0; i < MAX_IPV6_HEADERS; i++)
    {
      gsize hlen;

      switch (nh)
        {
        case IPPROTO_TCP_:
          return decode_tcp (c, cur, cap_left, wire_left, in_frame);

        case IPPROTO_HOPOPTS_:
        case IPPROTO_ROUTING_:
        case IPPROTO_DSTOPTS_:
        case IPPROTO_MOBILITY_:
        case IPPROTO_HIP_:
        case IPPROTO_SHIM6_:
        case IPPROTO_AH_:
          {
            HlReader x;
            guint8 next, len;

            if (wire_left < 2)
              return malformed (c, "IPv6 extension header longer than the payload");
            if (cap_left < 2)
              return malformed (c, "IPv6 extension header truncated");
            hl_reader_init (&x, cur, cap_left);
            next = hl_reader_u8 (&x);
            len = hl_reader_u8 (&x);
            hlen = nh == IPPROTO_AH_ ? (len + 2u) * 4u : (len + 1u) * 8u;
            if (hlen > wire_left)
              return malformed (c, "IPv6 extension header longer than the payload");
            if (hlen > cap_left)
              return malformed (c, "IPv6 extension header truncated");
            nh = next;
            break;
          }

        case IPPROTO_FRAGMENT_:
          {
            HlDefragKey key = { 0 };
            HlReader x;
            const guint8 *out;
            gsize out_len;
            guint32 offset, id;
            guint16 off_flags;
            gboolean more;
            guint8 upper, next;

            if (wire_left < 8)
              return malformed (c, "IPv6 fragment header longer than the payload");
            if (cap_left < 8)
              return malformed (c, "IPv6 fragment header truncated");
            hl_reader_init (&x, cur, cap_left);
            next = hl_reader_u8 (&x);
            hl_reader_skip (&x, 1);    /* reserved */
            off_flags = hl_reader_u16 (&x);
            id = hl_reader_u32 (&x);
            offset = off_flags & 0xfff8u;
            more = (off_flags & 1) != 0;
            if (offset == 0 && !more)
              {
                hlen = 8;   /* atomic fragment (RFC 6946): not fragmented at all */
                nh = next;
                break;
              }
            if (!in_frame)
              return malformed (c, "IPv6 fragment inside a reassembled fragment");
            if (cap_left < wire_left)
              return HL_DECODE_FRAGMENT;   /* snapped: it cannot complete a datagram */
            key.family = 6;
            key.id = id;
            memcpy (key.src, src, 16);
            memcpy (key.dst, dst, 16);
            switch (hl_ip_defrag_add (c->dec->defrag, &key, c->dec->stats.frames, offset, more,
                                      next, cur + 8, cap_left - 8, &out, &out_len, &upper,
                                      c->reason))
              {
              case HL_DEFRAG_HELD:
                return HL_DECODE_FRAGMENT;
              case HL_DEFRAG_INVALID:
                return HL_DECODE_MALFORMED;
              case HL_DEFRAG_COMPLETE:
                break;
              }
            /* Go on with the headers of the reassembled payload. */
            cur = out;
            cap_left = wire_left = out_len;
            nh = upper;
            in_frame = FALSE;
            continue;
          }

        default:   /* ESP, no next header, UDP, ICMPv6, ... */
          return HL_DECODE_NOT_TCP;
        }
      cur += hlen;
      cap_left -= hlen;
      wire_left -= hlen;
    }
  return malformed (c, "too many IPv6 extension headers");
}

/* ---- link layer --------------------------------------------------------- */

static HlDecodeResult
decode_ip_version (Ctx *c, HlReader *rd)
{
  if (hl_reader_remaining (rd) == 0)
    return malformed (c, "IP header missing");
  switch (*hl_reader_peek (rd) >> 4)   /* one byte is there (checked above) */
    {
    case 4:
      return decode_ipv4 (c, rd);
    case 6:
      return decode_ipv6 (c, rd);
    default:
      return malformed (c, "raw IP packet with an unknown IP version");
    }
}

static HlDecodeResult
decode_ethertype (Ctx *c, HlReader *rd, guint16 type)
{
  int depth;

  for (depth = 0; depth <= MAX_LINK_TAGS; depth++)
    {
      switch (type)
        {
        case ETHERTYPE_IPV4:
          return decode_ipv4 (c, rd);
        case ETHERTYPE_IPV6:
          return decode_ipv6 (c, rd);

        case ETHERTYPE_VLAN:
        case ETHERTYPE_QINQ:
        case ETHERTYPE_QINQ_OLD1:
        case ETHERTYPE_QINQ_OLD2:
          hl_reader_skip (rd, 2);   /* priority, DEI, VLAN id */
          type = hl_reader_u16 (rd);
          if (!hl_reader_ok (rd))
            return malformed (c, "VLAN tag truncated");
          continue;

        case ETHERTYPE_PPPOE_SESSION:
          {
            guint16 ppp;
            hl_reader_skip (rd, 6);   /* version/type, code, session id, length */
            ppp = hl_reader_u16 (rd);
            if (!hl_reader_ok (rd))
              return malformed (c, "PPPoE header truncated");
            if (ppp == 0x0021)
              return decode_ipv4 (c, rd);
            if (ppp == 0x0057)
              return decode_ipv6 (c, rd);
            return HL_DECODE_NOT_TCP;
          }

        case ETHERTYPE_MPLS:
        case ETHERTYPE_MPLS_MCAST:
          {
            int labels;
            for (labels = 0; labels < MAX_LINK_TAGS; labels++)
              {
                const guint8 *l = hl_reader_bytes (rd, 4);
                if (l == NULL)
                  return malformed (c, "MPLS label truncated");
                if (l[2] & 1)   /* bottom of stack: IP follows (no pseudowire) */
                  return decode_ip_version (c, rd);
              }
            return malformed (c, "too many MPLS labels");
          }

        default:
          if (type <= 1500)
            {
              /* 802.3 length: only LLC/SNAP can carry IP. */
              const guint8 *llc = hl_reader_bytes (rd, 8);
              if (llc == NULL || llc[0] != 0xaa || llc[1] != 0xaa || llc[2] != 0x03)
                return HL_DECODE_NOT_TCP;
              type = (guint16) (llc[6] << 8 | llc[7]);
              continue;
            }
          return HL_DECODE_NOT_TCP;   /* ARP, LLDP, ... */
        }
    }
  return malformed (c, "too many VLAN tags");
}

static HlDecodeResult
decode_bsd_loopback (Ctx *c, HlReader *rd)
{
  guint32 family = hl_reader_u32le (rd);

  if (!hl_reader_ok (rd))
    return malformed (c, "loopback header truncated");
  /* The family is in the capturing host's byte order (network order for
   * LOOP, usually): the small value is the right reading. */
  if (family > 0xff)
    family = GUINT32_SWAP_LE_BE (family);
  switch (family)
    {
    case 2:                          /* AF_INET everywhere */
      return decode_ipv4 (c, rd);
    case 10: case 24: case 28: case 30:   /* AF_INET6: Linux, BSDs, FreeBSD, Darwin */
      return decode_ipv6 (c, rd);
    default:
      return HL_DECODE_NOT_TCP;
    }
}

HlDecodeResult
hl_packet_decoder_decode (HlPacketDecoder *dec, const HlFrame *frame,
                          HlSegment *seg, const char **reason)
{
  Ctx c = { dec, frame, seg, reason };
  HlDecodeResult res;
  HlReader rd;
  const char *dummy;

  if (reason == NULL)
    c.reason = &dummy;
  *c.reason = NULL;
  dec->stats.frames++;
  hl_reader_init (&rd, frame->data, frame->caplen);

  switch (frame->linktype)
    {
    case HL_LINKTYPE_ETHERNET:
      hl_reader_skip (&rd, 12);
      {
        guint16 type = hl_reader_u16 (&rd);
        res = hl_reader_ok (&rd) ? decode_ethertype (&c, &rd, type)
                                 : malformed (&c, "Ethernet header truncated");
      }
      break;
    case HL_LINKTYPE_NULL:
    case HL_LINKTYPE_LOOP:
      res = decode_bsd_loopback (&c, &rd);
      break;
    case HL_LINKTYPE_LINUX_SLL:
      /* packet type, ARPHRD type, address length, 8 address bytes, protocol */
      hl_reader_skip (&rd, 14);
      {
        guint16 type = hl_reader_u16 (&rd);
        res = hl_reader_ok (&rd) ? decode_ethertype (&c, &rd, type)
                                 : malformed (&c, "Linux cooked header truncated");
      }
      break;
    case HL_LINKTYPE_LINUX_SLL2:
      {
        /* protocol, reserved, interface index, ARPHRD type, packet type,
         * address length, 8 address bytes */
        guint16 type = hl_reader_u16 (&rd);
        hl_reader_skip (&rd, 18);
        res = hl_reader_ok (&rd) ? decode_ethertype (&c, &rd, type)
                                 : malformed (&c, "Linux cooked v2 header truncated");
      }
      break;
    case HL_LINKTYPE_RAW:
    case 12:   /* DLT_RAW values some systems wrote into pcap files */
    case 14:
      res = decode_ip_version (&c, &rd);
      break;
    case HL_LINKTYPE_IPV4:
      res = decode_ipv4 (&c, &rd);
      break;
    case HL_LINKTYPE_IPV6:
      res = decode_ipv6 (&c, &rd);
      break;
    default:
      *c.reason = "link type not supported";
      res = HL_DECODE_UNKNOWN_LINK;
      break;
    }

  switch (res)
    {
    case HL_DECODE_TCP: dec->stats.tcp++; break;
    case HL_DECODE_NOT_TCP: dec->stats.not_tcp++; break;
    case HL_DECODE_FRAGMENT: dec->stats.fragments++; break;
    case HL_DECODE_UNKNOWN_LINK: dec->stats.unknown_link++; break;
    case HL_DECODE_MALFORMED: dec->stats.malformed++; break;
    }
  return res;
}
