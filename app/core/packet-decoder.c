/* STUB */
#include "packet-decoder.h"
struct _HlPacketDecoder { HlDecodeStats stats; };
HlPacketDecoder *hl_packet_decoder_new (void) { return g_new0 (HlPacketDecoder, 1); }
void hl_packet_decoder_free (HlPacketDecoder *d) { g_free (d); }
HlDecodeResult hl_packet_decoder_decode (HlPacketDecoder *d, const HlFrame *f, HlSegment *s, const char **reason)
{ *reason = "stub"; return HL_DECODE_UNKNOWN_LINK; }
const HlDecodeStats *hl_packet_decoder_stats (HlPacketDecoder *d) { return &d->stats; }
