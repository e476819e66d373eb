/* tls-test-vectors.h: published TLS test data shared by the crypto tests,
 * as hex text (spaces ignored), plus a hex decoder.
 *
 * RFC 8448 (Example Handshake Traces for TLS 1.3), section 3 "Simple 1-RTT
 * Handshake" and section 4 "Resumed 0-RTT Handshake".  Records are given
 * without their 5-byte header (the header is noted beside each); the AEAD
 * tags make any transcription error fail loudly.
 */
#pragma once
#include <glib.h>

/* Decodes hex text, skipping whitespace; aborts the test on bad input. */
static inline GBytes *
hl_test_unhex (const char *text)
{
  GByteArray *a = g_byte_array_new ();
  int hi = -1;

  for (const char *p = text; *p; p++)
    {
      int v;

      if (g_ascii_isspace (*p))
        continue;
      v = g_ascii_xdigit_value (*p);
      g_assert_cmpint (v, >=, 0);
      if (hi < 0)
        hi = v;
      else
        {
          guint8 b = hi << 4 | v;
          g_byte_array_append (a, &b, 1);
          hi = -1;
        }
    }
  g_assert_cmpint (hi, ==, -1);
  return g_byte_array_free_to_bytes (a);
}

/* ---- RFC 8448 section 3 ------------------------------------------------ */

#define RFC8448_3_CLIENT_RANDOM \
  "cb 34 ec b1 e7 81 63 ba 1c 38 c6 da cb 19 6a 6d ff a2 1a 8d 99 12 ec 18 a2 ef 62 83 02 4d ec e7"
#define RFC8448_3_SERVER_RANDOM \
  "a6 af 06 a4 12 18 60 dc 5e 6e 60 24 9c d3 4c 95 93 0c 8a c5 cb 14 34 da c1 55 77 2e d3 e2 69 28"

/* ClientHello (196 octets) */
#define RFC8448_3_CLIENT_HELLO \
  "01 00 00 c0 03 03 cb 34 ec b1 e7 81 63 ba 1c 38 c6 da cb 19 6a 6d ff a2 1a 8d 99 12" \
  "ec 18 a2 ef 62 83 02 4d ec e7 00 00 06 13 01 13 03 13 02 01 00" \
  "00 91 00 00 00 0b 00 09 00 00 06 73 65 72 76 65 72 ff 01 00 01" \
  "00 00 0a 00 14 00 12 00 1d 00 17 00 18 00 19 01 00 01 01 01 02" \
  "01 03 01 04 00 23 00 00 00 33 00 26 00 24 00 1d 00 20 99 38 1d" \
  "e5 60 e4 bd 43 d2 3d 8e 43 5a 7d ba fe b3 c0 6e 51 c1 3c ae 4d" \
  "54 13 69 1e 52 9a af 2c 00 2b 00 03 02 03 04 00 0d 00 20 00 1e" \
  "04 03 05 03 06 03 02 03 08 04 08 05 08 06 04 01 05 01 06 01 02" \
  "01 04 02 05 02 06 02 02 02 00 2d 00 02 01 01 00 1c 00 02 40 01"

/* ServerHello (90 octets) */
#define RFC8448_3_SERVER_HELLO \
  "02 00 00 56 03 03 a6 af 06 a4 12 18 60 dc 5e 6e 60 24 9c d3 4c 95 93 0c 8a c5 cb 14" \
  "34 da c1 55 77 2e d3 e2 69 28 00 13 01 00 00 2e 00 33 00 24 00" \
  "1d 00 20 c9 82 88 76 11 20 95 fe 66 76 2b db f7 c6 72 e1 56 d6" \
  "cc 25 3b 83 3d f1 dd 69 b1 b0 4e 75 1f 0f 00 2b 00 02 03 04"

/* Hash(ClientHello + ServerHello) */
#define RFC8448_3_HELLO_HASH \
  "86 0c 06 ed c0 78 58 ee 8e 78 f0 e7 42 8c 58 ed d6 b4 3f 2c a3 e6 e9 5f 02 ed 06 3c f0 e1 ca d8"

#define RFC8448_3_CLIENT_HS_SECRET \
  "b3 ed db 12 6e 06 7f 35 a7 80 b3 ab f4 5e 2d 8f 3b 1a 95 07 38 f5 2e 96 00 74 6a 0e 27 a5 5a 21"
#define RFC8448_3_SERVER_HS_SECRET \
  "b6 7b 7d 69 0c c1 6c 4e 75 e5 42 13 cb 2d 37 b4 e9 c9 12 bc de d9 10 5d 42 be fd 59 d3 91 ad 38"
#define RFC8448_3_CLIENT_AP_SECRET \
  "9e 40 64 6c e7 9a 7f 9d c0 5a f8 88 9b ce 65 52 87 5a fa 0b 06 df 00 87 f7 92 eb b7 c1 75 04 a5"
#define RFC8448_3_SERVER_AP_SECRET \
  "a1 1a f9 f0 55 31 f8 56 ad 47 11 6b 45 a9 50 32 82 04 b4 f4 4b fb 6b 3a 4b 4f 1f 3f cb 63 16 43"

/* EncryptedExtensions (40 octets), the first message of the server flight */
#define RFC8448_3_ENCRYPTED_EXTENSIONS \
  "08 00 00 24 00 22 00 0a 00 14 00 12 00 1d 00 17 00 18 00 19 01 00 01 01 01 02 01 03" \
  "01 04 00 1c 00 02 40 01 00 00 00 00"

/* Server Finished (36 octets) and client Finished (36 octets) */
#define RFC8448_3_SERVER_FINISHED \
  "14 00 00 20 9b 9b 14 1d 90 63 37 fb d2 cb dc e7 1d f4 de da 4a b4 2c 30 95 72 cb 7f" \
  "ff ee 54 54 b7 8f 07 18"
#define RFC8448_3_CLIENT_FINISHED \
  "14 00 00 20 a8 ec 43 6d 67 76 34 ae 52 5a c1 fc eb e1 1a 03 9e c1 76 94 fa c6 e9 85" \
  "27 b6 42 f2 ed d5 ce 61"

/* Server handshake record (header 17 03 03 02 a2): EncryptedExtensions,
 * Certificate, CertificateVerify, Finished */
#define RFC8448_3_SERVER_FLIGHT \
  "d1 ff 33 4a 56 f5 bf" \
  "f6 59 4a 07 cc 87 b5 80 23 3f 50 0f 45 e4 89 e7 f3 3a f3 5e df" \
  "78 69 fc f4 0a a4 0a a2 b8 ea 73 f8 48 a7 ca 07 61 2e f9 f9 45" \
  "cb 96 0b 40 68 90 51 23 ea 78 b1 11 b4 29 ba 91 91 cd 05 d2 a3" \
  "89 28 0f 52 61 34 aa dc 7f c7 8c 4b 72 9d f8 28 b5 ec f7 b1 3b" \
  "d9 ae fb 0e 57 f2 71 58 5b 8e a9 bb 35 5c 7c 79 02 07 16 cf b9" \
  "b1 18 3e f3 ab 20 e3 7d 57 a6 b9 d7 47 76 09 ae e6 e1 22 a4 cf" \
  "51 42 73 25 25 0c 7d 0e 50 92 89 44 4c 9b 3a 64 8f 1d 71 03 5d" \
  "2e d6 5b 0e 3c dd 0c ba e8 bf 2d 0b 22 78 12 cb b3 60 98 72 55" \
  "cc 74 41 10 c4 53 ba a4 fc d6 10 92 8d 80 98 10 e4 b7 ed 1a 8f" \
  "d9 91 f0 6a a6 24 82 04 79 7e 36 a6 a7 3b 70 a2 55 9c 09 ea d6" \
  "86 94 5b a2 46 ab 66 e5 ed d8 04 4b 4c 6d e3 fc f2 a8 94 41 ac" \
  "66 27 2f d8 fb 33 0e f8 19 05 79 b3 68 45 96 c9 60 bd 59 6e ea" \
  "52 0a 56 a8 d6 50 f5 63 aa d2 74 09 96 0d ca 63 d3 e6 88 61 1e" \
  "a5 e2 2f 44 15 cf 95 38 d5 1a 20 0c 27 03 42 72 96 8a 26 4e d6" \
  "54 0c 84 83 8d 89 f7 2c 24 46 1a ad 6d 26 f5 9e ca ba 9a cb bb" \
  "31 7b 66 d9 02 f4 f2 92 a3 6a c1 b6 39 c6 37 ce 34 31 17 b6 59" \
  "62 22 45 31 7b 49 ee da 0c 62 58 f1 00 d7 d9 61 ff b1 38 64 7e" \
  "92 ea 33 0f ae ea 6d fa 31 c7 a8 4d c3 bd 7e 1b 7a 6c 71 78 af" \
  "36 87 90 18 e3 f2 52 10 7f 24 3d 24 3d c7 33 9d 56 84 c8 b0 37" \
  "8b f3 02 44 da 8c 87 c8 43 f5 e5 6e b4 c5 e8 28 0a 2b 48 05 2c" \
  "f9 3b 16 49 9a 66 db 7c ca 71 e4 59 94 26 f7 d4 61 e6 6f 99 88" \
  "2b d8 9f c5 08 00 be cc a6 2d 6c 74 11 6d bd 29 72 fd a1 fa 80" \
  "f8 5d f8 81 ed be 5a 37 66 89 36 b3 35 58 3b 59 91 86 dc 5c 69" \
  "18 a3 96 fa 48 a1 81 d6 b6 fa 4f 9d 62 d5 13 af bb 99 2f 2b 99" \
  "2f 67 f8 af e6 7f 76 91 3f a3 88 cb 56 30 c8 ca 01 e0 c6 5d 11" \
  "c6 6a 1e 2a c4 c8 59 77 b7 c7 a6 99 9b bf 10 dc 35 ae 69 f5 51" \
  "56 14 63 6c 0b 9b 68 c1 9e d2 e3 1c 0b 3b 66 76 30 38 eb ba 42" \
  "f3 b3 8e dc 03 99 f3 a9 f2 3f aa 63 97 8c 31 7f c9 fa 66 a7 3f" \
  "60 f0 50 4d e9 3b 5b 84 5e 27 55 92 c1 23 35 ee 34 0b bc 4f dd" \
  "d5 02 78 40 16 e4 b3 be 7e f0 4d da 49 f4 b4 40 a3 0c b5 d2 af" \
  "93 98 28 fd 4a e3 79 4e 44 f9 4d f5 a6 31 ed e4 2c 17 19 bf da" \
  "bf 02 53 fe 51 75 be 89 8e 75 0e dc 53 37 0d 2b"

/* Client Finished record (header 17 03 03 00 35) */
#define RFC8448_3_CLIENT_FINISHED_RECORD \
  "75 ec 4d c2 38 cc e6" \
  "0b 29 80 44 a7 1e 21 9c 56 cc 77 b0 51 7f e9 b9 3c 7a 4b fc 44" \
  "d8 7f 38 f8 03 38 ac 98 fc 46 de b3 84 bd 1c ae ac ab 68 67 d7" \
  "26 c4 05 46"

/* Server NewSessionTicket record (header 17 03 03 00 de) */
#define RFC8448_3_TICKET_RECORD \
  "3a 6b 8f 90 41 4a 97" \
  "d6 95 9c 34 87 68 0d e5 13 4a 2b 24 0e 6c ff ac 11 6e 95 d4 1d" \
  "6a f8 f6 b5 80 dc f3 d1 1d 63 c7 58 db 28 9a 01 59 40 25 2f 55" \
  "71 3e 06 1d c1 3e 07 88 91 a3 8e fb cf 57 53 ad 8e f1 70 ad 3c" \
  "73 53 d1 6d 9d a7 73 b9 ca 7f 2b 9f a1 b6 c0 d4 a3 d0 3f 75 e0" \
  "9c 30 ba 1e 62 97 2a c4 6f 75 f7 b9 81 be 63 43 9b 29 99 ce 13" \
  "06 46 15 13 98 91 d5 e4 c5 b4 06 f1 6e 3f c1 81 a7 7c a4 75 84" \
  "00 25 db 2f 0a 77 f8 1b 5a b0 5b 94 c0 13 46 75 5f 69 23 2c 86" \
  "51 9d 86 cb ee ac 87 aa c3 47 d1 43 f9 60 5d 64 f6 50 db 4d 02" \
  "3e 70 e9 52 ca 49 fe 51 37 12 1c 74 bc 26 97 68 7e 24 87 46 d6" \
  "df 35 30 05 f3 bc e1 86 96 12 9c 81 53 55 6b 3b 6c 67 79 b3 7b" \
  "f1 59 85 68 4f"

/* Application data records (header 17 03 03 00 43), client then server */
#define RFC8448_3_CLIENT_APP_RECORD \
  "a2 3f 70 54 b6 2c 94" \
  "d0 af fa fe 82 28 ba 55 cb ef ac ea 42 f9 14 aa 66 bc ab 3f 2b" \
  "98 19 a8 a5 b4 6b 39 5b d5 4a 9a 20 44 1e 2b 62 97 4e 1f 5a 62" \
  "92 a2 97 70 14 bd 1e 3d ea e6 3a ee bb 21 69 49 15 e4"
#define RFC8448_3_SERVER_APP_RECORD \
  "2e 93 7e 11 ef 4a c7" \
  "40 e5 38 ad 36 00 5f c4 a4 69 32 fc 32 25 d0 5f 82 aa 1b 36 e3" \
  "0e fa f9 7d 90 e6 df fc 60 2d cb 50 1a 59 a8 fc c4 9c 4b f2 e5" \
  "f0 a2 1c 00 47 c2 ab f3 32 54 0d d0 32 e1 67 c2 95 5d"

/* Alert records (header 17 03 03 00 13), client then server */
#define RFC8448_3_CLIENT_ALERT_RECORD \
  "c9 87 27 60 65 56 66 b7 4d 7f f1 15 3e fd 6d b6 d0 b0 e3"
#define RFC8448_3_SERVER_ALERT_RECORD \
  "b5 8f d6 71 66 eb f5 99 d2 47 20 cf be 7e fa 7a 88 64 a9"

/* ---- RFC 8448 section 4 (0-RTT) ---------------------------------------- */

#define RFC8448_4_CLIENT_RANDOM \
  "1b c3 ce b6 bb e3 9c ff 93 83 55 b5 a5 0a db 6d b2 1b 7a 6a f6 49 d7 b4 bc 41 9d 78 76 48 7d 95"
#define RFC8448_4_SERVER_RANDOM \
  "3c cf d2 de c8 90 22 27 63 47 2a e8 13 67 77 c9 d7 35 87 77 bb 66 e9 1e a5 12 24 95 f5 59 ea 2d"

/* ClientHello with early_data and pre_shared_key (512 octets) */
#define RFC8448_4_CLIENT_HELLO \
  "01 00 01 fc 03 03 1b c3 ce b6 bb e3 9c ff" \
  "93 83 55 b5 a5 0a db 6d b2 1b 7a 6a f6 49 d7 b4 bc 41 9d 78 76" \
  "48 7d 95 00 00 06 13 01 13 03 13 02 01 00 01 cd 00 00 00 0b 00" \
  "09 00 00 06 73 65 72 76 65 72 ff 01 00 01 00 00 0a 00 14 00 12" \
  "00 1d 00 17 00 18 00 19 01 00 01 01 01 02 01 03 01 04 00 33 00" \
  "26 00 24 00 1d 00 20 e4 ff b6 8a c0 5f 8d 96 c9 9d a2 66 98 34" \
  "6c 6b e1 64 82 ba dd da fe 05 1a 66 b4 f1 8d 66 8f 0b 00 2a 00" \
  "00 00 2b 00 03 02 03 04 00 0d 00 20 00 1e 04 03 05 03 06 03 02" \
  "03 08 04 08 05 08 06 04 01 05 01 06 01 02 01 04 02 05 02 06 02" \
  "02 02 00 2d 00 02 01 01 00 1c 00 02 40 01 00 15 00 57 00 00 00" \
  "00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00" \
  "00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00" \
  "00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00" \
  "00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00" \
  "00 29 00 dd 00 b8 00 b2 2c 03 5d 82 93 59 ee 5f f7 af 4e c9 00" \
  "00 00 00 26 2a 64 94 dc 48 6d 2c 8a 34 cb 33 fa 90 bf 1b 00 70" \
  "ad 3c 49 88 83 c9 36 7c 09 a2 be 78 5a bc 55 cd 22 60 97 a3 a9" \
  "82 11 72 83 f8 2a 03 a1 43 ef d3 ff 5d d3 6d 64 e8 61 be 7f d6" \
  "1d 28 27 db 27 9c ce 14 50 77 d4 54 a3 66 4d 4e 6d a4 d2 9e e0" \
  "37 25 a6 a4 da fc d0 fc 67 d2 ae a7 05 29 51 3e 3d a2 67 7f a5" \
  "90 6c 5b 3f 7d 8f 92 f2 28 bd a4 0d da 72 14 70 f9 fb f2 97 b5" \
  "ae a6 17 64 6f ac 5c 03 27 2e 97 07 27 c6 21 a7 91 41 ef 5f 7d" \
  "e6 50 5e 5b fb c3 88 e9 33 43 69 40 93 93 4a e4 d3 57 fa d6 aa" \
  "cb 00 21 20 3a dd 4f b2 d8 fd f8 22 a0 ca 3c f7 67 8e f5 e8 8d" \
  "ae 99 01 41 c5 92 4d 57 bb 6f a3 1b 9e 5f 9d"

#define RFC8448_4_EARLY_SECRET \
  "3f bb e6 a6 0d eb 66 c3 0a 32 79 5a ba 0e ff 7e aa 10 10 55 86 e7 be 5c 09 67 8d 63 b6 ca ab 62"
#define RFC8448_4_CLIENT_HS_SECRET \
  "2f aa c0 8f 85 1d 35 fe a3 60 4f cb 4d e8 2d c6 2c 9b 16 4a 70 97 4d 04 62 e2 7f 1a b2 78 70 0f"
#define RFC8448_4_SERVER_HS_SECRET \
  "fe 92 7a e2 71 31 2e 8b f0 27 5b 58 1c 54 ee f0 20 45 0d c4 ec ff aa 05 a1 a3 5d 27 51 8e 78 03"
#define RFC8448_4_CLIENT_AP_SECRET \
  "2a bb f2 b8 e3 81 d2 3d be be 1d d2 a7 d1 6a 8b f4 84 cb 49 50 d2 3f b7 fb 7f a8 54 70 62 d9 a1"
#define RFC8448_4_SERVER_AP_SECRET \
  "cc 21 f1 bf 8f eb 7d d5 fa 50 5b d9 c4 b4 68 a9 98 4d 55 4a 99 3d c4 9e 6d 28 55 98 fb 67 26 91"

/* Early application data record (header 17 03 03 00 17) */
#define RFC8448_4_EARLY_RECORD \
  "ab 1d f4 20 e7 5c 45 7a 7c c5 d2 84 4f 76 d5 ae e4 b4 ed bf 04 9b e0"

/* ServerHello (96 octets) */
#define RFC8448_4_SERVER_HELLO \
  "02 00 00 5c 03 03 3c" \
  "cf d2 de c8 90 22 27 63 47 2a e8 13 67 77 c9 d7 35 87 77 bb 66" \
  "e9 1e a5 12 24 95 f5 59 ea 2d 00 13 01 00 00 34 00 29 00 02 00" \
  "00 00 33 00 24 00 1d 00 20 12 17 61 ee 42 c3 33 e1 b9 e7 7b 60" \
  "dd 57 c2 05 3c d9 45 12 ab 47 f1 15 e8 6e ff 50 94 2c ea 31 00" \
  "2b 00 02 03 04"

/* Server handshake record (header 17 03 03 00 61): EncryptedExtensions, Finished */
#define RFC8448_4_SERVER_FLIGHT \
  "dc 48 23 7b 4b 87 9f" \
  "50 d0 d4 d2 62 ea 8b 47 16 eb 40 dd c1 eb 95 7e 11 12 6e 8a 71" \
  "49 c2 d0 12 d3 7a 71 15 95 7e 64 ce 30 00 8b 9e 03 23 f2 c0 5a" \
  "9c 1c 77 b4 f3 78 49 a6 95 ab 25 50 60 a3 3f ee 77 0c a9 5c b8" \
  "48 6b fd 08 43 b8 70 24 86 5c a3 5c c4 1c 4e 51 5c 64 dc b1 36" \
  "9f 98 63 5b c7 a5"

/* EndOfEarlyData record (header 17 03 03 00 15, early keys) */
#define RFC8448_4_EOED_RECORD \
  "ac a6 fc 94 48 41 29 8d f9 95 93 72 5f 9b f9 75 44 29 b1 2f 09"

/* Client Finished record (header 17 03 03 00 35) */
#define RFC8448_4_CLIENT_FINISHED_RECORD \
  "00 f8 b4 67 d1 4c f2" \
  "2a 4b 3f 0b 6a e0 d8 e6 cc 8d 08 e0 db 35 15 ef 5c 2b df 19 22" \
  "ea fb b7 00 09 96 47 16 d8 34 fb 70 c3 d2 a5 6c 5b 1f 5f 6b db" \
  "a6 c3 33 cf"

/* Application data records (header 17 03 03 00 43), client then server */
#define RFC8448_4_CLIENT_APP_RECORD \
  "b1 ce bc e2 42 aa 20" \
  "1b e9 ae 5e 1c b2 a9 aa 4b 33 d4 e8 66 af 1e db 06 89 19 23 77" \
  "41 aa 03 1d 7a 74 d4 91 c9 9b 9d 4e 23 2b 74 20 6b c6 fb aa 04" \
  "fe 78 be 44 a9 b4 f5 43 20 a1 7e b7 69 92 af ac 31 03"
#define RFC8448_4_SERVER_APP_RECORD \
  "27 5e 9f 20 ac ff 57" \
  "bc 00 06 57 d3 86 7d f0 39 cc cf 79 04 78 84 cf 75 77 17 46 f7" \
  "40 b5 a8 3f 46 2a 09 54 c3 58 13 93 a2 03 a2 5a 7d d1 41 41 ef" \
  "1a 37 90 0c db 62 ff 62 de e1 ba 39 ab 25 90 cb f1 94"

/* ---- RFC 8448 section 5 (HelloRetryRequest) ---------------------------- */

#define RFC8448_5_CLIENT_RANDOM \
  "b0 b1 c5 a5 aa 37 c5 91 9f 2e d1 d5 c6 ff f7 fc b7 84 97 16 94 5a 2b 8c ee 92 58 a3 46 67 7b 6f"
#define RFC8448_5_SERVER_RANDOM \
  "bb 34 1d 84 7f d7 89 c4 7c 38 71 72 dc 0c 9b f1 47 fc ca cb 50 43 d8 6c a4 c5 98 d3 ff 57 1b 98"

/* ClientHello1 (180 octets) */
#define RFC8448_5_CLIENT_HELLO1 \
  "01 00 00 b0 03 03 b0" \
  "b1 c5 a5 aa 37 c5 91 9f 2e d1 d5 c6 ff f7 fc b7 84 97 16 94 5a" \
  "2b 8c ee 92 58 a3 46 67 7b 6f 00 00 06 13 01 13 03 13 02 01 00" \
  "00 81 00 00 00 0b 00 09 00 00 06 73 65 72 76 65 72 ff 01 00 01" \
  "00 00 0a 00 08 00 06 00 1d 00 17 00 18 00 33 00 26 00 24 00 1d" \
  "00 20 e8 e8 e3 f3 b9 3a 25 ed 97 a1 4a 7d ca cb 8a 27 2c 62 88" \
  "e5 85 c6 48 4d 05 26 2f ca d0 62 ad 1f 00 2b 00 03 02 03 04 00" \
  "0d 00 20 00 1e 04 03 05 03 06 03 02 03 08 04 08 05 08 06 04 01" \
  "05 01 06 01 02 01 04 02 05 02 06 02 02 02 00 2d 00 02 01 01 00" \
  "1c 00 02 40 01"

/* HelloRetryRequest (176 octets) */
#define RFC8448_5_HRR \
  "02 00 00 ac 03 03 cf" \
  "21 ad 74 e5 9a 61 11 be 1d 8c 02 1e 65 b8 91 c2 a2 11 16 7a bb" \
  "8c 5e 07 9e 09 e2 c8 a8 33 9c 00 13 01 00 00 84 00 33 00 02 00" \
  "17 00 2c 00 74 00 72 71 dc d0 4b b8 8b c3 18 91 19 39 8a 00 00" \
  "00 00 ee fa fc 76 c1 46 b8 23 b0 96 f8 aa ca d3 65 dd 00 30 95" \
  "3f 4e df 62 56 36 e5 f2 1b b2 e2 3f cc 65 4b 1b 5b 40 31 8d 10" \
  "d1 37 ab cb b8 75 74 e3 6e 8a 1f 02 5f 7d fa 5d 6e 50 78 1b 5e" \
  "da 4a a1 5b 0c 8b e7 78 25 7d 16 aa 30 30 e9 e7 84 1d d9 e4 c0" \
  "34 22 67 e8 ca 0c af 57 1f b2 b7 cf f0 f9 34 b0 00 2b 00 02 03" \
  "04"

/* ClientHello2 (512 octets) */
#define RFC8448_5_CLIENT_HELLO2 \
  "01 00 01 fc 03 03 b0" \
  "b1 c5 a5 aa 37 c5 91 9f 2e d1 d5 c6 ff f7 fc b7 84 97 16 94 5a" \
  "2b 8c ee 92 58 a3 46 67 7b 6f 00 00 06 13 01 13 03 13 02 01 00" \
  "01 cd 00 00 00 0b 00 09 00 00 06 73 65 72 76 65 72 ff 01 00 01" \
  "00 00 0a 00 08 00 06 00 1d 00 17 00 18 00 33 00 47 00 45 00 17" \
  "00 41 04 a6 da 73 92 ec 59 1e 17 ab fd 53 59 64 b9 98 94 d1 3b" \
  "ef b2 21 b3 de f2 eb e3 83 0e ac 8f 01 51 81 26 77 c4 d6 d2 23" \
  "7e 85 cf 01 d6 91 0c fb 83 95 4e 76 ba 73 52 83 05 34 15 98 97" \
  "e8 06 57 80 00 2b 00 03 02 03 04 00 0d 00 20 00 1e 04 03 05 03" \
  "06 03 02 03 08 04 08 05 08 06 04 01 05 01 06 01 02 01 04 02 05" \
  "02 06 02 02 02 00 2c 00 74 00 72 71 dc d0 4b b8 8b c3 18 91 19" \
  "39 8a 00 00 00 00 ee fa fc 76 c1 46 b8 23 b0 96 f8 aa ca d3 65" \
  "dd 00 30 95 3f 4e df 62 56 36 e5 f2 1b b2 e2 3f cc 65 4b 1b 5b" \
  "40 31 8d 10 d1 37 ab cb b8 75 74 e3 6e 8a 1f 02 5f 7d fa 5d 6e" \
  "50 78 1b 5e da 4a a1 5b 0c 8b e7 78 25 7d 16 aa 30 30 e9 e7 84" \
  "1d d9 e4 c0 34 22 67 e8 ca 0c af 57 1f b2 b7 cf f0 f9 34 b0 00" \
  "2d 00 02 01 01 00 1c 00 02 40 01 00 15 00 af 00 00 00 00 00 00" \
  "00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00" \
  "00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00" \
  "00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00" \
  "00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00" \
  "00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00" \
  "00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00" \
  "00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00" \
  "00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00" \
  "00"

/* ServerHello (123 octets) */
#define RFC8448_5_SERVER_HELLO \
  "02 00 00 77 03 03 bb" \
  "34 1d 84 7f d7 89 c4 7c 38 71 72 dc 0c 9b f1 47 fc ca cb 50 43" \
  "d8 6c a4 c5 98 d3 ff 57 1b 98 00 13 01 00 00 4f 00 33 00 45 00" \
  "17 00 41 04 58 3e 05 4b 7a 66 67 2a e0 20 ad 9d 26 86 fc c8 5b" \
  "5a d4 1a 13 4a 0f 03 ee 72 b8 93 05 2b d8 5b 4c 8d e6 77 6f 5b" \
  "04 ac 07 d8 35 40 ea b3 e3 d9 c5 47 bc 65 28 c4 31 7d 29 46 86" \
  "09 3a 6c ad 7d 00 2b 00 02 03 04"

#define RFC8448_5_CLIENT_HS_SECRET \
  "15 8a a7 ab 88 55 07 35 82 b4 1d 67 4b 40 55 ca bc c5 34 72 8f 65 93 14 86 1b 4e 08 e2 01 15 66"
#define RFC8448_5_SERVER_HS_SECRET \
  "34 03 e7 81 e2 af 7b 65 08 da 28 57 4f 6e 95 a1 ab f1 62 de 83 a9 79 27 c3 76 72 a4 a0 ce f8 a1"
#define RFC8448_5_CLIENT_AP_SECRET \
  "75 ec f4 b9 72 52 5a a0 dc d0 57 c9 94 4d 4c d5 d8 26 71 d8 84 31 41 d7 dc 2a 4f f1 5a 21 dc 51"
#define RFC8448_5_SERVER_AP_SECRET \
  "5c 74 f8 7d f0 42 25 db 0f 82 09 c9 de 64 29 e4 94 35 fd ef a7 ca d6 18 64 87 4d 12 f3 1c fc 8d"

/* Server handshake record (header 17 03 03 02 96) */
#define RFC8448_5_SERVER_FLIGHT \
  "99 be e2 0b af 5b 7f" \
  "c7 27 bf ab 62 23 92 8a 38 1e 6d 0c f9 c4 da 65 3f 9d 2a 7b 23" \
  "f7 de 11 cc e8 42 d5 cf 75 63 17 63 45 0f fb 8b 0c c1 d2 38 e6" \
  "58 af 7a 12 ad c8 62 43 11 4a b1 4a 1d a2 fa e4 26 21 ce 48 3f" \
  "b6 24 2e ab fa ad 52 56 6b 02 b3 1d 2e dd ed ef eb 80 e6 6a 99" \
  "00 d5 f9 73 b4 0c 4f df 74 71 9e cf 1b 68 d7 f9 c3 b6 ce b9 03" \
  "ca 13 dd 1b b8 f8 18 7a e3 34 17 e1 d1 52 52 2c 58 22 a1 a0 3a" \
  "d5 2c 83 8c 55 95 3d 61 02 22 87 4c ce 8e 17 90 b2 29 a2 aa 0b" \
  "53 c8 d3 77 ee 72 01 82 95 1d c6 18 1d c5 d9 0b d1 f0 10 5e d1" \
  "e8 4a a5 f7 59 57 c6 66 18 97 07 9e 5e a5 00 74 49 e3 19 7b dc" \
  "7c 9b ee ed dd ea fd d8 44 af a5 c3 15 ec fe 65 e5 76 af e9 09" \
  "81 28 80 62 0e c7 04 8b 42 d7 f5 c7 8d 76 f2 99 d6 d8 25 34 bd" \
  "d8 f5 12 fe bc 0e d3 81 4a ca 47 0c d8 00 0d 3e 1c b9 96 2b 05" \
  "2f bb 95 0d f6 83 a5 2c 2b a7 7e d3 71 3b 12 29 37 a6 e5 17 09" \
  "64 e2 ab 79 69 dc d9 80 b3 db 9b 45 8d a7 60 31 24 d6 dc 00 5e" \
  "4d 6e 04 b4 d0 c4 ba f3 27 5d b8 27 db ba 0a 6d b0 96 72 17 1f" \
  "c0 57 b3 85 1d 7e 02 68 41 e2 97 8f bd 23 46 bb ef dd 03 76 bb" \
  "11 08 fe 9a cc 92 18 9f 56 50 aa 5e 85 d8 e8 c7 b6 7a c5 10 db" \
  "a0 03 d3 d7 e1 63 50 bb 66 d4 50 13 ef d4 4c 9b 60 7c 0d 31 8c" \
  "4c 7d 1a 1f 5c bc 57 e2 06 11 80 4e 37 87 d7 b4 a4 b5 f0 8e d8" \
  "fd 70 bd ae ad e0 22 60 b1 2a b8 42 ef 69 0b 4a 3e e7 91 1e 84" \
  "1b 37 4e cd 5e bb bc 2a 54 d0 47 b6 00 33 6d d7 d0 c8 8b 4b c1" \
  "0e 58 ee 6c b6 56 de 72 47 fa 20 d8 e9 1d eb 84 62 86 08 cf 80" \
  "61 5b 62 e9 6c 14 91 c7 ac 37 55 eb 69 01 40 5d 34 74 fe 1a c7" \
  "9d 10 6a 0c ee 56 c2 57 7f c8 84 80 f9 6c b6 b8 c6 81 b7 b6 8b" \
  "53 c1 46 09 39 08 f3 50 88 81 75 bd fb 0b 1e 31 ad 61 e3 0b a0" \
  "ad fe 6d 22 3a a0 3c 07 83 b5 00 1a 57 58 7c 32 8a 9a fc fc fb" \
  "97 8d 1c d4 32 8f 7d 9d 60 53 0e 63 0b ef d9 6c 0c 81 6e e2 0b" \
  "01 00 76 8a e2 a6 df 51 fc 68 f1 72 74 0a 79 af 11 39 8e e3 be" \
  "12 52 49 1f a9 c6 93 47 9e 87 7f 94 ab 7c 5f 8c ad 48 02 03 e6" \
  "ab 7b 87 dd 71 e8 a0 72 91 13 df 17 f5 ee e8 6c e1 08 d1 d7 20" \
  "07 ec 1c d1 3c 85 a6 c1 49 62 1e 77 b7 d7 8d 80 5a 30 f0 be 03" \
  "0c 31 5e 54"

/* Client Finished record (header 17 03 03 00 35) */
#define RFC8448_5_CLIENT_FINISHED_RECORD \
  "d7 4f 19 23 c6 62 fd" \
  "34 13 7c 6f 50 2f 3d d2 b9 3d 95 1d 1b 3b c9 7e 42 af e2 3c 31" \
  "ab ea 92 fe 91 b4 74 99 9e 85 e3 b7 91 ce 25 2f e8 c3 e9 f9 39" \
  "a4 12 0c b2"

/* Alert records (header 17 03 03 00 13), client then server */
#define RFC8448_5_CLIENT_ALERT_RECORD \
  "2e a6 cd f7 49 19 60 23 e2 b3 a4 94 91 69 55 36 42 60 47"
#define RFC8448_5_SERVER_ALERT_RECORD \
  "51 9f c5 07 5c b0 88 43 49 75 9f f9 ef 6f 01 1b b4 c6 f2"
