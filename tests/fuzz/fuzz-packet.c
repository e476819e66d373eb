/* Fuzz target: packet decoder over every link type; first byte picks it. */
#include "fuzz-common.h"
#include "packet-decoder.h"

static const guint32 linktypes[] = {
  HL_LINKTYPE_NULL, HL_LINKTYPE_ETHERNET, HL_LINKTYPE_RAW, HL_LINKTYPE_LINUX_SLL,
  HL_LINKTYPE_LOOP, HL_LINKTYPE_IPV4, HL_LINKTYPE_IPV6, HL_LINKTYPE_LINUX_SLL2,
};

int
LLVMFuzzerTestOneInput (const uint8_t *data, size_t size)
{
  static HlPacketDecoder *dec;
  HlFrame frame = { 0 };
  HlSegment seg;
  const char *reason;
  size_t off = 0;
  guint64 n = 0;

  if (dec == NULL)
    dec = hl_packet_decoder_new ();
  /* Several frames per input (fragment reassembly state carries over):
   * [linktype selector][u16 length][bytes]... */
  while (off + 3 <= size)
    {
      size_t len = ((size_t) data[off + 1] << 8) | data[off + 2];
      frame.linktype = linktypes[data[off] % G_N_ELEMENTS (linktypes)];
      off += 3;
      if (len > size - off)
        len = size - off;
      frame.number = ++n;
      frame.data = data + off;
      frame.caplen = frame.origlen = len;
      if (hl_packet_decoder_decode (dec, &frame, &seg, &reason) == HL_DECODE_TCP)
        fuzz_consume (seg.payload, seg.payload_len);
      off += len;
    }
  return 0;
}
