/* Fuzz target: the decryptor with known keys and hostile records.  A fixed
 * key log gives keys for every TLS 1.3 suite and a TLS 1.2 master secret;
 * the input chooses version/suite and supplies records. */
#include "fuzz-common.h"
#include "tls-crypto.h"

static const guint16 suites[] = {
  0x1301, 0x1302, 0x1303, 0x1304, 0x1305,           /* TLS 1.3 */
  0xc02f, 0xc030, 0xcca8, 0xc0ac, 0xc013, 0xc028, 0x000a, 0x002f, 0x0035, 0xc0a0, 0x0002,
};

int
LLVMFuzzerTestOneInput (const uint8_t *data, size_t size)
{
  static HlKeylog *keylog;
  guint8 cr[32], sr[32];
  HlTlsCrypto *c;
  HlReader r;
  guint16 suite, version;
  guint8 sel;

  if (keylog == NULL)
    {
      static const char text[] =
        "CLIENT_RANDOM 0000000000000000000000000000000000000000000000000000000000000000 "
        "000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f202122232425262728292a2b2c2d2e2f\n"
        "CLIENT_HANDSHAKE_TRAFFIC_SECRET 0000000000000000000000000000000000000000000000000000000000000000 "
        "000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f202122232425262728292a2b2c2d2e2f\n"
        "SERVER_HANDSHAKE_TRAFFIC_SECRET 0000000000000000000000000000000000000000000000000000000000000000 "
        "101112131415161718191a1b1c1d1e1f202122232425262728292a2b2c2d2e2f303132333435363738393a3b3c3d3e3f\n"
        "CLIENT_TRAFFIC_SECRET_0 0000000000000000000000000000000000000000000000000000000000000000 "
        "202122232425262728292a2b2c2d2e2f303132333435363738393a3b3c3d3e3f404142434445464748494a4b4c4d4e4f\n"
        "SERVER_TRAFFIC_SECRET_0 0000000000000000000000000000000000000000000000000000000000000000 "
        "303132333435363738393a3b3c3d3e3f404142434445464748494a4b4c4d4e4f505152535455565758595a5b5c5d5e5f\n";
      keylog = hl_keylog_new ();
      hl_keylog_add_text (keylog, text, sizeof text - 1);
    }
  if (size < 2)
    return 0;
  hl_reader_init (&r, data, size);
  sel = hl_reader_u8 (&r);
  suite = suites[sel % G_N_ELEMENTS (suites)];
  version = suite >= 0x1301 && suite <= 0x1305 ? 0x0304 : 0x0301 + (sel >> 6) % 3;
  memset (cr, 0, sizeof cr);
  memset (sr, 0x55, sizeof sr);
  c = hl_tls_crypto_new (keylog);
  hl_tls_crypto_add_handshake (c, data, MIN (size, 64));
  hl_tls_crypto_set_params (c, version, suite, cr, sr, (sel & 0x10) != 0, (sel & 0x20) != 0);
  hl_tls_crypto_activate (c, HL_DIR_C2S);
  hl_tls_crypto_activate (c, HL_DIR_S2C);
  while (hl_reader_remaining (&r) >= 3)
    {
      guint8 ctl = hl_reader_u8 (&r);
      gsize len = hl_reader_u16 (&r) & 0x7ff;
      const guint8 *body;
      g_autoptr(GByteArray) out = g_byte_array_new ();
      guint8 inner;
      HlDirection dir = (ctl & 1) ? HL_DIR_S2C : HL_DIR_C2S;

      if (len > hl_reader_remaining (&r))
        len = hl_reader_remaining (&r);
      body = hl_reader_bytes (&r, len);
      switch ((ctl >> 1) & 7)
        {
        case 0: hl_tls_crypto_skip_record (c, dir); break;
        case 1: hl_tls_crypto_key_update (c, dir); break;
        case 2: hl_tls_crypto_handshake_done (c, dir); break;
        case 3: hl_tls_crypto_verify_finished (c, dir, body, len); break;
        default:
          hl_tls_crypto_decrypt (c, dir, 23, 0x0303, body, len, &inner, out);
          fuzz_consume (out->data, out->len);
        }
    }
  hl_tls_crypto_free (c);
  return 0;
}
