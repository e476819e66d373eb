/* packet-decoder.h: link layer -> IP -> TCP segment.
 *
 * Handles Ethernet II with 802.1Q/802.1ad tags, Linux SLL and SLL2, BSD
 * NULL/LOOP, raw IPv4/IPv6; IPv4 fragments (reassembled, bounded) and IPv6
 * extension headers.  Non-TCP packets and unknown link types are counted, not
 * errors.
 */
#pragma once
#include <glib.h>
#include "capture-reader.h"
#include "connection.h"

G_BEGIN_DECLS

enum {
  HL_TCP_FIN = 0x01, HL_TCP_SYN = 0x02, HL_TCP_RST = 0x04,
  HL_TCP_PSH = 0x08, HL_TCP_ACK = 0x10, HL_TCP_URG = 0x20,
  HL_TCP_ECE = 0x40, HL_TCP_CWR = 0x80,
};

typedef struct {
  guint64       frame;
  gint64        ts_ns;
  HlEndpoint    src, dst;
  guint32       seq, ack;
  guint8        flags;
  guint16       window;       /* raw header value (not scaled) */
  int           wscale;       /* window-scale option on SYN, -1 if absent */
  const guint8 *payload;      /* valid until the next decode call */
  guint32       payload_len;  /* bytes present in the capture */
  guint32       payload_wire_len; /* bytes on the wire (IP length says); > payload_len when snapped */
  guint32       payload_offset;   /* offset of payload in the frame (0 if reassembled from fragments) */
} HlSegment;

typedef enum {
  HL_DECODE_TCP,          /* *seg filled */
  HL_DECODE_NOT_TCP,      /* IP but not TCP (UDP, ICMP...), or not IP (ARP...) */
  HL_DECODE_FRAGMENT,     /* IPv4 fragment held for reassembly */
  HL_DECODE_UNKNOWN_LINK, /* link type we do not decode */
  HL_DECODE_MALFORMED,    /* header truncated or inconsistent; see reason */
} HlDecodeResult;

typedef struct {
  guint64 frames, tcp, not_tcp, fragments, unknown_link, malformed;
} HlDecodeStats;

typedef struct _HlPacketDecoder HlPacketDecoder;

HlPacketDecoder *hl_packet_decoder_new    (void);
void             hl_packet_decoder_free   (HlPacketDecoder *dec);
/* reason (static string) is set for MALFORMED / UNKNOWN_LINK. */
HlDecodeResult   hl_packet_decoder_decode (HlPacketDecoder *dec, const HlFrame *frame,
                                           HlSegment *seg, const char **reason);
const HlDecodeStats *hl_packet_decoder_stats (HlPacketDecoder *dec);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (HlPacketDecoder, hl_packet_decoder_free)

G_END_DECLS
