/* Fuzz target: certificate parsing and host matching. */
#include "fuzz-common.h"
#include "certificate.h"

int
LLVMFuzzerTestOneInput (const uint8_t *data, size_t size)
{
  HlCertificate *c = hl_certificate_new_from_der (data, size);
  hl_certificate_matches_host (c, "www.example.com");
  hl_certificate_matches_host (c, "192.0.2.1");
  hl_certificate_unref (c);
  return 0;
}
