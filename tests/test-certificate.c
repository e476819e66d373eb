/* test-certificate.c: X.509 parsing, host matching and chain verdicts.
 *
 * Fixtures: the PEM files in tests/data/certs/, made by tests/gen/make-x509-fixtures.sh. */
#include <glib.h>
#include <glib/gstdio.h>
#include <string.h>
#include <unistd.h>
#include <gnutls/gnutls.h>

#include "certificate.h"
#include "x509-verify.h"

static gint64
utc (int year, int month, int day)
{
  g_autoptr(GDateTime) dt = g_date_time_new_utc (year, month, day, 0, 0, 0);

  return g_date_time_to_unix (dt);
}

static char *
cert_path (const char *name)
{
  const char *dir = g_getenv ("HL_TEST_DATA");

  g_assert_nonnull (dir);
  return g_strdup_printf ("%s/certs/%s.pem", dir, name);
}

static GBytes *
load_der (const char *name)
{
  g_autofree char *path = cert_path (name);
  g_autofree char *pem = NULL;
  g_autoptr(GError) error = NULL;
  gnutls_datum_t in, out = { NULL, 0 };
  gsize len = 0;
  GBytes *der;

  g_file_get_contents (path, &pem, &len, &error);
  g_assert_no_error (error);
  in.data = (unsigned char *) pem;
  in.size = len;
  g_assert_cmpint (gnutls_pem_base64_decode2 ("CERTIFICATE", &in, &out), ==, 0);
  der = g_bytes_new (out.data, out.size);
  gnutls_free (out.data);
  return der;
}

static HlCertificate *
load_cert (const char *name)
{
  g_autoptr(GBytes) der = load_der (name);
  gsize len;
  const guint8 *data = g_bytes_get_data (der, &len);
  HlCertificate *cert = hl_certificate_new_from_der (data, len);

  g_assert_nonnull (cert);
  g_assert_null (cert->parse_error);
  return cert;
}

static void
assert_strv (GStrv got, const char * const *expected)
{
  g_assert_nonnull (got);
  g_assert_cmpuint (g_strv_length (got), ==, g_strv_length ((GStrv) expected));
  for (guint i = 0; expected[i]; i++)
    g_assert_cmpstr (got[i], ==, expected[i]);
}

static const char * const none[] = { NULL };

#define ROOT_DN "CN=Handshake Lens Test Root CA,O=Handshake Lens Tests,C=DE"
#define INTERMEDIATE_DN "CN=Handshake Lens Test Intermediate CA,O=Handshake Lens Tests"

/* ---- Parsing ------------------------------------------------------------ */

static void
test_parse_leaf (void)
{
  g_autoptr(HlCertificate) c = load_cert ("leaf");
  static const char * const dns[] = { "www.example.test", "*.example.test", "example.test", NULL };
  static const char * const ips[] = { "192.0.2.10", "2001:db8::1", NULL };

  g_assert_cmpstr (c->subject_dn, ==, "CN=www.example.test,O=Example Test Site");
  g_assert_cmpstr (c->subject_cn, ==, "www.example.test");
  g_assert_cmpstr (c->issuer_dn, ==, INTERMEDIATE_DN);
  g_assert_cmpstr (c->issuer_cn, ==, "Handshake Lens Test Intermediate CA");
  g_assert_cmpstr (c->serial_hex, ==, "0123456789abcdef");
  g_assert_cmpint (c->not_before, ==, utc (2024, 1, 1));
  g_assert_cmpint (c->not_after, ==, utc (2025, 1, 1));
  assert_strv (c->dns_names, dns);
  assert_strv (c->ip_addresses, ips);
  g_assert_cmpstr (c->key_algorithm, ==, "RSA");
  g_assert_cmpuint (c->key_bits, ==, 2048);
  g_assert_cmpstr (c->signature_algorithm, ==, "ECDSA-SHA256");
  g_assert_false (c->is_ca);
  g_assert_false (c->self_issued);
  g_assert_false (c->self_signed);
  g_assert_cmpint (c->key_purpose_server, ==, 1);
  g_assert_cmpint (c->key_purpose_client, ==, 1);
  g_assert_nonnull (c->der);
  g_assert_cmpuint (g_bytes_get_size (c->der), >, 500);
}

/* The second parse of the same bytes comes from the cache: the same shared
 * certificate, which outlives the first reference. */
static void
test_parse_cached (void)
{
  HlCertificate *a = load_cert ("selfsigned");
  HlCertificate *b = load_cert ("selfsigned");

  g_assert_true (a == b);
  g_assert_cmpstr (a->subject_cn, ==, "selfsigned.example.test");
  g_assert_true (a->self_signed);
  hl_certificate_unref (a);
  /* b survives a */
  g_assert_cmpstr (b->subject_cn, ==, "selfsigned.example.test");
  g_assert_cmpstr (b->subject_dn, ==, b->issuer_dn);
  g_assert_nonnull (b->der);
  hl_certificate_unref (b);
}

static void
test_parse_root (void)
{
  g_autoptr(HlCertificate) c = load_cert ("root");

  g_assert_cmpstr (c->subject_dn, ==, ROOT_DN);
  g_assert_cmpstr (c->issuer_dn, ==, ROOT_DN);
  g_assert_cmpstr (c->subject_cn, ==, "Handshake Lens Test Root CA");
  g_assert_cmpstr (c->issuer_cn, ==, "Handshake Lens Test Root CA");
  g_assert_cmpstr (c->serial_hex, ==, "01");
  g_assert_cmpint (c->not_before, ==, utc (2020, 1, 1));
  g_assert_cmpint (c->not_after, ==, utc (2040, 1, 1));
  assert_strv (c->dns_names, none);
  assert_strv (c->ip_addresses, none);
  g_assert_cmpstr (c->key_algorithm, ==, "RSA");
  g_assert_cmpuint (c->key_bits, ==, 2048);
  g_assert_cmpstr (c->signature_algorithm, ==, "RSA-SHA256");
  g_assert_true (c->is_ca);
  g_assert_true (c->self_issued);
  g_assert_true (c->self_signed);
  /* No extendedKeyUsage: every purpose allowed. */
  g_assert_cmpint (c->key_purpose_server, ==, 1);
  g_assert_cmpint (c->key_purpose_client, ==, 1);
}

static void
test_parse_intermediate (void)
{
  g_autoptr(HlCertificate) c = load_cert ("intermediate");

  g_assert_cmpstr (c->subject_dn, ==, INTERMEDIATE_DN);
  g_assert_cmpstr (c->issuer_dn, ==, ROOT_DN);
  g_assert_cmpstr (c->serial_hex, ==, "03ea");
  g_assert_cmpint (c->not_after, ==, utc (2035, 1, 1));
  g_assert_cmpstr (c->key_algorithm, ==, "EC");
  g_assert_cmpuint (c->key_bits, ==, 256);
  g_assert_cmpstr (c->signature_algorithm, ==, "RSA-SHA256");
  g_assert_true (c->is_ca);
  g_assert_false (c->self_issued);
  g_assert_false (c->self_signed);
}

static void
test_parse_variants (void)
{
  {
    g_autoptr(HlCertificate) c = load_cert ("selfsigned");
    static const char * const dns[] = { "selfsigned.example.test", NULL };

    g_assert_cmpstr (c->subject_dn, ==, "CN=selfsigned.example.test");
    g_assert_cmpstr (c->issuer_dn, ==, "CN=selfsigned.example.test");
    g_assert_cmpstr (c->serial_hex, ==, "0bb9");
    g_assert_cmpstr (c->key_algorithm, ==, "EC");
    g_assert_cmpuint (c->key_bits, ==, 384);
    g_assert_cmpstr (c->signature_algorithm, ==, "ECDSA-SHA384");
    g_assert_false (c->is_ca);
    g_assert_true (c->self_issued);
    g_assert_true (c->self_signed);
    assert_strv (c->dns_names, dns);
    g_assert_cmpint (c->not_before, ==, utc (2023, 1, 1));
    g_assert_cmpint (c->not_after, ==, utc (2033, 1, 1));
  }
  {
    g_autoptr(HlCertificate) c = load_cert ("clientonly");

    g_assert_cmpint (c->key_purpose_server, ==, 0);
    g_assert_cmpint (c->key_purpose_client, ==, 1);
    g_assert_cmpstr (c->serial_hex, ==, "0fa1");
  }
  {
    g_autoptr(HlCertificate) c = load_cert ("expired");

    g_assert_cmpint (c->key_purpose_server, ==, 1);
    g_assert_cmpint (c->key_purpose_client, ==, 0);
    g_assert_cmpint (c->not_before, ==, utc (2021, 1, 1));
    g_assert_cmpint (c->not_after, ==, utc (2021, 6, 1));
  }
  {
    g_autoptr(HlCertificate) c = load_cert ("weakkey");

    g_assert_cmpstr (c->key_algorithm, ==, "RSA");
    g_assert_cmpuint (c->key_bits, ==, 1024);
    g_assert_cmpstr (c->serial_hex, ==, "c8");   /* DER 00 c8: no sign byte */
  }
  {
    g_autoptr(HlCertificate) c = load_cert ("sha1");

    g_assert_cmpstr (c->signature_algorithm, ==, "RSA-SHA1");
    g_assert_cmpstr (c->issuer_dn, ==, ROOT_DN);
  }
  {
    g_autoptr(HlCertificate) c = load_cert ("cnonly");

    g_assert_cmpstr (c->subject_cn, ==, "cn-only.example.test");
    assert_strv (c->dns_names, none);
    assert_strv (c->ip_addresses, none);
    g_assert_cmpint (c->key_purpose_server, ==, 1);
    g_assert_cmpint (c->key_purpose_client, ==, 1);
  }
  {
    g_autoptr(HlCertificate) c = load_cert ("nocn");
    static const char * const ips[] = { "198.51.100.7", NULL };

    g_assert_cmpstr (c->subject_dn, ==, "O=No Common Name Ltd");
    g_assert_null (c->subject_cn);
    g_assert_cmpstr (c->issuer_cn, ==, "Handshake Lens Test Intermediate CA");
    g_assert_cmpstr (c->key_algorithm, ==, "Ed25519");
    g_assert_cmpuint (c->key_bits, ==, 256);
    assert_strv (c->dns_names, none);
    assert_strv (c->ip_addresses, ips);
  }
  {
    /* Expired by today's clock: still self-signed. */
    g_autoptr(HlCertificate) c = load_cert ("oldroot");

    g_assert_cmpint (c->not_after, ==, utc (2012, 1, 1));
    g_assert_true (c->self_issued);
    g_assert_true (c->self_signed);
  }
  {
    g_autoptr(HlCertificate) c = load_cert ("otherroot");

    g_assert_cmpstr (c->subject_dn, ==, "CN=Zscaler Root CA,O=Zscaler Inc.");
    g_assert_cmpstr (c->serial_hex, ==, "09");
    g_assert_true (c->is_ca);
    g_assert_true (c->self_signed);
  }
}

/* A self-issued certificate whose signature does not verify is not
 * self-signed. */
/* The DER copies are the same certificates as the PEM files. */
static void
test_der_copies (void)
{
  static const char * const names[] = {
    "root", "intermediate", "leaf", "expired", "selfsigned", "clientonly", "weakkey",
    "sha1", "cnonly", "sanonly", "nocn", "oldroot", "otherroot", "intercepted",
  };

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autoptr(GBytes) from_pem = load_der (names[i]);
      g_autofree char *path = g_strdup_printf ("%s/certs/%s.der", g_getenv ("HL_TEST_DATA"), names[i]);
      g_autofree char *contents = NULL;
      g_autoptr(GBytes) der = NULL;
      gsize len;

      g_assert_true (g_file_get_contents (path, &contents, &len, NULL));
      der = g_bytes_new (contents, len);
      g_assert_true (g_bytes_equal (der, from_pem));
    }
}

static void
test_tampered_signature (void)
{
  g_autoptr(GBytes) der = load_der ("root");
  gsize len;
  guint8 *copy = g_bytes_unref_to_data (g_bytes_ref (der), &len);
  g_autoptr(HlCertificate) c = NULL;

  copy[len - 1] ^= 0x01;   /* last byte of the RSA signature */
  c = hl_certificate_new_from_der (copy, len);
  g_assert_null (c->parse_error);
  g_assert_true (c->self_issued);
  g_assert_false (c->self_signed);
  g_free (copy);
}

static void
assert_parse_failed (HlCertificate *c)
{
  g_assert_nonnull (c);
  g_assert_nonnull (c->parse_error);
  g_assert_cmpuint (strlen (c->parse_error), >, 0);
  g_assert_nonnull (c->dns_names);
  g_assert_null (c->dns_names[0]);
  g_assert_nonnull (c->ip_addresses);
  g_assert_null (c->ip_addresses[0]);
  g_assert_null (c->subject_dn);
  g_assert_null (c->subject_cn);
  g_assert_null (c->issuer_dn);
  g_assert_null (c->serial_hex);
  g_assert_cmpuint (c->key_bits, ==, 0);
  g_assert_false (c->self_signed);
  g_assert_false (hl_certificate_matches_host (c, "www.example.test"));
}

static void
test_garbage (void)
{
  static const guint8 junk[] = "this is not a certificate";
  static const guint8 bad_len[] = { 0x30, 0x84, 0xff, 0xff, 0xff, 0xff, 0x30, 0x00 };
  g_autoptr(GBytes) der = load_der ("leaf");
  gsize len;
  const guint8 *data = g_bytes_get_data (der, &len);
  g_autofree guint8 *huge = g_malloc0 (70 * 1024);
  HlCertificate *c;

  c = hl_certificate_new_from_der (junk, sizeof junk);
  assert_parse_failed (c);
  hl_certificate_unref (c);

  c = hl_certificate_new_from_der (bad_len, sizeof bad_len);
  assert_parse_failed (c);
  hl_certificate_unref (c);

  c = hl_certificate_new_from_der (NULL, 0);
  assert_parse_failed (c);
  hl_certificate_unref (c);

  c = hl_certificate_new_from_der (data, len / 2);
  assert_parse_failed (c);
  hl_certificate_unref (c);

  memcpy (huge, data, len);
  c = hl_certificate_new_from_der (huge, 70 * 1024);
  assert_parse_failed (c);
  g_assert_nonnull (strstr (c->parse_error, "64 KiB"));
  hl_certificate_unref (c);

  hl_certificate_unref (NULL);
}

/* Every truncation and every single-byte change of a real certificate
 * either parses or fails cleanly. */
static void
test_mutations (void)
{
  g_autoptr(GBytes) der = load_der ("leaf");
  gsize len;
  const guint8 *data = g_bytes_get_data (der, &len);
  g_autofree guint8 *copy = g_memdup2 (data, len);
  g_autofree char *root = cert_path ("root");
  g_autoptr(GPtrArray) certs = g_ptr_array_new_with_free_func ((GDestroyNotify) hl_certificate_unref);
  HlChainVerdict *verdict;
  guint parsed = 0, failed = 0, trusted = 0;

  for (gsize cut = 0; cut < len; cut++)
    {
      HlCertificate *c = hl_certificate_new_from_der (data, cut);
      g_assert_nonnull (c->parse_error);
      hl_certificate_unref (c);
    }
  for (gsize i = 0; i < len; i++)
    {
      static const guint8 flips[] = { 0x01, 0x80, 0xff };

      for (guint f = 0; f < G_N_ELEMENTS (flips); f++)
        {
          HlCertificate *c;

          copy[i] = data[i] ^ flips[f];
          c = hl_certificate_new_from_der (copy, len);
          g_assert_nonnull (c->dns_names);
          g_assert_nonnull (c->ip_addresses);
          if (c->parse_error)
            failed++;
          else
            {
              g_assert_nonnull (c->subject_dn);
              g_assert_nonnull (c->issuer_dn);
              g_assert_nonnull (c->key_algorithm);
              g_assert_nonnull (c->signature_algorithm);
              g_assert_true (g_utf8_validate (c->subject_dn, -1, NULL));
              parsed++;
              hl_certificate_matches_host (c, "www.example.test");
            }
          /* The verifier copes with whatever the parser let through. */
          g_ptr_array_add (certs, c);
          g_ptr_array_add (certs, load_cert ("intermediate"));
          verdict = hl_x509_verify_chain (certs, "www.example.test", utc (2024, 6, 1), root, FALSE);
          g_assert_nonnull (verdict);
          if (c->parse_error)
            g_assert_nonnull (verdict->error);
          else if (verdict->trusted)
            trusted++;
          hl_chain_verdict_free (verdict);
          g_ptr_array_set_size (certs, 0);
        }
      copy[i] = data[i];
    }
  g_assert_cmpuint (parsed, >, 0);
  g_assert_cmpuint (failed, >, 0);
  /* Changes outside the signed part (the signature algorithm's NULL
   * parameters, say) can leave it valid; most changes break the signature. */
  g_test_message ("%u parsed, %u failed, %u still trusted", parsed, failed, trusted);
  g_assert_cmpuint (trusted, <, parsed / 10);
}

/* ---- Host names --------------------------------------------------------- */

static void
test_matches_host (void)
{
  g_autoptr(HlCertificate) leaf = load_cert ("leaf");
  g_autoptr(HlCertificate) cnonly = load_cert ("cnonly");
  g_autoptr(HlCertificate) sanonly = load_cert ("sanonly");
  g_autoptr(HlCertificate) nocn = load_cert ("nocn");
  static const struct { const char *host; gboolean match; } leaf_cases[] = {
    { "www.example.test", TRUE },
    { "WWW.Example.TEST", TRUE },
    { "www.example.test.", TRUE },
    { "example.test", TRUE },
    { "example.test.", TRUE },
    { "foo.example.test", TRUE },       /* *.example.test */
    { "FOO.EXAMPLE.TEST", TRUE },
    { "a.b.example.test", FALSE },      /* the wildcard covers one label */
    { ".example.test", FALSE },
    { "example.test.evil", FALSE },
    { "wwwexample.test", FALSE },
    { "www.example.test..", FALSE },
    { "*.example.test", FALSE },
    { "test", FALSE },
    { "", FALSE },
    { ".", FALSE },
    { "192.0.2.10", TRUE },
    { "192.0.2.11", FALSE },
    { "2001:db8::1", TRUE },
    { "2001:0DB8:0:0:0:0:0:1", TRUE },
    { "[2001:db8::1]", TRUE },
    { "[192.0.2.10]", TRUE },
    { "2001:db8::2", FALSE },
    { "[www.example.test]", FALSE },
  };

  for (guint i = 0; i < G_N_ELEMENTS (leaf_cases); i++)
    {
      g_test_message ("leaf vs '%s'", leaf_cases[i].host);
      g_assert_cmpint (hl_certificate_matches_host (leaf, leaf_cases[i].host), ==, leaf_cases[i].match);
    }
  g_assert_false (hl_certificate_matches_host (leaf, NULL));
  g_assert_false (hl_certificate_matches_host (NULL, "www.example.test"));

  /* The CN counts when there are no DNS SANs... */
  g_assert_true (hl_certificate_matches_host (cnonly, "cn-only.example.test"));
  g_assert_true (hl_certificate_matches_host (cnonly, "CN-ONLY.example.test."));
  g_assert_false (hl_certificate_matches_host (cnonly, "other.example.test"));
  /* ...and not when there are. */
  g_assert_false (hl_certificate_matches_host (sanonly, "cn-not-in-san.example.test"));
  g_assert_true (hl_certificate_matches_host (sanonly, "san.example.test"));
  /* Partial-label, too-broad and double wildcards match nothing. */
  g_assert_false (hl_certificate_matches_host (sanonly, "www.partial.test"));
  g_assert_false (hl_certificate_matches_host (sanonly, "w.partial.test"));
  g_assert_false (hl_certificate_matches_host (sanonly, "foo.test"));
  g_assert_false (hl_certificate_matches_host (sanonly, "a.b.double.test"));
  g_assert_false (hl_certificate_matches_host (sanonly, "x.double.test"));
  g_assert_true (hl_certificate_matches_host (sanonly, "XN--BCHER-KVA.example"));
  /* IP SANs only match IP literals; IP literals never match names. */
  g_assert_true (hl_certificate_matches_host (nocn, "198.51.100.7"));
  g_assert_false (hl_certificate_matches_host (nocn, "198.51.100.8"));
  g_assert_false (hl_certificate_matches_host (nocn, "::ffff:198.51.100.7"));
}

/* ---- Chain verdicts ----------------------------------------------------- */

static GPtrArray *
chain (const char *first, ...)
{
  GPtrArray *certs = g_ptr_array_new_with_free_func ((GDestroyNotify) hl_certificate_unref);
  va_list ap;

  va_start (ap, first);
  for (const char *name = first; name; name = va_arg (ap, const char *))
    g_ptr_array_add (certs, load_cert (name));
  va_end (ap);
  return certs;
}

static void
assert_clean_verdict (const HlChainVerdict *v)
{
  g_assert_null (v->error);
  g_assert_true (v->trusted);
  g_assert_false (v->expired);
  g_assert_cmpint (v->expired_index, ==, -1);
  g_assert_false (v->not_yet_valid);
  g_assert_false (v->chain_incomplete);
  g_assert_false (v->untrusted_root);
  g_assert_false (v->self_signed_leaf);
  g_assert_false (v->bad_signature);
  g_assert_false (v->revoked);
  g_assert_false (v->wrong_purpose);
  g_assert_false (v->weak_key);
  g_assert_false (v->weak_signature);
  g_assert_null (v->inspection_product);
  g_assert_cmpuint (v->gnutls_status, ==, 0);
  g_assert_nonnull (v->status);
}

static void
test_verify_good (void)
{
  g_autofree char *root = cert_path ("root");
  g_autoptr(GPtrArray) full = chain ("leaf", "intermediate", "root", NULL);
  g_autoptr(GPtrArray) no_root = chain ("leaf", "intermediate", NULL);
  g_autoptr(GPtrArray) unordered = chain ("leaf", "root", "intermediate", NULL);
  g_autoptr(GPtrArray) extra = chain ("leaf", "selfsigned", "intermediate", NULL);
  HlChainVerdict *v;

  v = hl_x509_verify_chain (full, "www.example.test", utc (2024, 6, 1), root, FALSE);
  assert_clean_verdict (v);
  g_assert_true (v->hostname_checked);
  g_assert_true (v->hostname_ok);
  g_assert_cmpuint (v->n_certs, ==, 3);
  g_assert_cmpuint (v->n_sent, ==, 3);
  g_assert_cmpstr (v->anchor_subject, ==, ROOT_DN);
  g_assert_cmpstr (v->leaf_issuer_dn, ==, INTERMEDIATE_DN);
  g_assert_cmpstr (v->leaf_issuer_cn, ==, "Handshake Lens Test Intermediate CA");
  hl_chain_verdict_free (v);

  /* The root need not be sent when the trust store has it. */
  v = hl_x509_verify_chain (no_root, "foo.example.test", utc (2024, 6, 1), root, TRUE);
  assert_clean_verdict (v);
  g_assert_true (v->hostname_ok);
  g_assert_cmpuint (v->n_certs, ==, 2);
  g_assert_cmpstr (v->anchor_subject, ==, ROOT_DN);
  hl_chain_verdict_free (v);

  /* Any order (TLS 1.3), and unrelated extra certificates, are tolerated. */
  v = hl_x509_verify_chain (unordered, NULL, utc (2024, 6, 1), root, FALSE);
  assert_clean_verdict (v);
  g_assert_false (v->hostname_checked);
  g_assert_cmpuint (v->n_certs, ==, 3);
  hl_chain_verdict_free (v);

  v = hl_x509_verify_chain (extra, "192.0.2.10", utc (2024, 6, 1), root, FALSE);
  assert_clean_verdict (v);
  g_assert_true (v->hostname_ok);
  g_assert_cmpuint (v->n_certs, ==, 2);
  g_assert_cmpuint (v->n_sent, ==, 3);
  hl_chain_verdict_free (v);
}

static void
test_verify_times (void)
{
  g_autofree char *root = cert_path ("root");
  g_autoptr(GPtrArray) full = chain ("leaf", "intermediate", "root", NULL);
  g_autoptr(GPtrArray) expired = chain ("expired", "intermediate", NULL);
  HlChainVerdict *v;

  /* The same chain, judged at three capture times. */
  v = hl_x509_verify_chain (full, "www.example.test", utc (2025, 6, 1), root, FALSE);
  g_assert_true (v->trusted);
  g_assert_true (v->expired);
  g_assert_cmpint (v->expired_index, ==, 0);
  g_assert_cmpint (v->expired_not_after, ==, utc (2025, 1, 1));
  g_assert_false (v->not_yet_valid);
  hl_chain_verdict_free (v);

  v = hl_x509_verify_chain (full, "www.example.test", utc (2023, 6, 1), root, FALSE);
  g_assert_false (v->expired);
  g_assert_true (v->not_yet_valid);
  g_assert_cmpint (v->not_yet_valid_index, ==, 0);
  g_assert_cmpint (v->not_yet_valid_not_before, ==, utc (2024, 1, 1));
  hl_chain_verdict_free (v);

  /* After the intermediate's end too: the first expired one is reported. */
  v = hl_x509_verify_chain (full, NULL, utc (2036, 1, 1), root, FALSE);
  g_assert_true (v->expired);
  g_assert_cmpint (v->expired_index, ==, 0);
  hl_chain_verdict_free (v);

  /* at_time 0: no time checks. */
  v = hl_x509_verify_chain (full, NULL, 0, root, FALSE);
  assert_clean_verdict (v);
  hl_chain_verdict_free (v);

  v = hl_x509_verify_chain (expired, "expired.example.test", utc (2021, 3, 1), root, FALSE);
  assert_clean_verdict (v);
  hl_chain_verdict_free (v);

  v = hl_x509_verify_chain (expired, "expired.example.test", utc (2024, 6, 1), root, FALSE);
  g_assert_true (v->expired);
  g_assert_cmpint (v->expired_index, ==, 0);
  g_assert_cmpint (v->expired_not_after, ==, utc (2021, 6, 1));
  hl_chain_verdict_free (v);
}

static void
test_verify_trust (void)
{
  g_autofree char *root = cert_path ("root");
  g_autofree char *selfsigned_file = cert_path ("selfsigned");
  g_autoptr(GPtrArray) full = chain ("leaf", "intermediate", "root", NULL);
  g_autoptr(GPtrArray) leaf_only = chain ("leaf", NULL);
  g_autoptr(GPtrArray) selfsigned = chain ("selfsigned", NULL);
  HlChainVerdict *v;

  /* The intermediate is missing and nobody has it. */
  v = hl_x509_verify_chain (leaf_only, "www.example.test", utc (2024, 6, 1), root, FALSE);
  g_assert_null (v->error);
  g_assert_false (v->trusted);
  g_assert_true (v->chain_incomplete);
  g_assert_cmpstr (v->missing_issuer, ==, INTERMEDIATE_DN);
  g_assert_false (v->untrusted_root);
  g_assert_false (v->self_signed_leaf);
  g_assert_true (v->hostname_ok);
  g_assert_true (v->gnutls_status & GNUTLS_CERT_SIGNER_NOT_FOUND);
  hl_chain_verdict_free (v);

  /* A complete chain whose root nobody trusts: with no CA file, and with
   * the system store (which does not hold the test root). */
  for (int system = 0; system <= 1; system++)
    {
      v = hl_x509_verify_chain (full, "www.example.test", utc (2024, 6, 1), NULL, system);
      g_assert_null (v->error);
      g_assert_false (v->trusted);
      g_assert_true (v->untrusted_root);
      g_assert_cmpstr (v->untrusted_root_subject, ==, ROOT_DN);
      g_assert_false (v->chain_incomplete);
      g_assert_cmpstr (v->anchor_subject, ==, ROOT_DN);
      g_assert_nonnull (v->status);
      hl_chain_verdict_free (v);
    }

  /* A self-signed server certificate, untrusted, then trusted by CA file. */
  v = hl_x509_verify_chain (selfsigned, "selfsigned.example.test", utc (2024, 6, 1), NULL, FALSE);
  g_assert_false (v->trusted);
  g_assert_true (v->self_signed_leaf);
  g_assert_false (v->untrusted_root);
  g_assert_false (v->chain_incomplete);
  g_assert_true (v->hostname_ok);
  hl_chain_verdict_free (v);

  v = hl_x509_verify_chain (selfsigned, "selfsigned.example.test", utc (2024, 6, 1), selfsigned_file, FALSE);
  g_assert_true (v->trusted);
  g_assert_true (v->self_signed_leaf);
  hl_chain_verdict_free (v);
}

static void
test_verify_problems (void)
{
  g_autofree char *root = cert_path ("root");
  g_autoptr(GPtrArray) mismatch = chain ("leaf", "intermediate", NULL);
  g_autoptr(GPtrArray) clientonly = chain ("clientonly", "intermediate", NULL);
  g_autoptr(GPtrArray) weakkey = chain ("weakkey", "intermediate", NULL);
  g_autoptr(GPtrArray) sha1 = chain ("sha1", "root", NULL);
  g_autoptr(GPtrArray) intercepted = chain ("intercepted", "otherroot", NULL);
  HlChainVerdict *v;

  v = hl_x509_verify_chain (mismatch, "www.example.org", utc (2024, 6, 1), root, FALSE);
  g_assert_true (v->trusted);
  g_assert_true (v->hostname_checked);
  g_assert_false (v->hostname_ok);
  hl_chain_verdict_free (v);

  v = hl_x509_verify_chain (clientonly, "client-only.example.test", utc (2024, 6, 1), root, FALSE);
  g_assert_true (v->trusted);
  g_assert_true (v->wrong_purpose);
  hl_chain_verdict_free (v);

  v = hl_x509_verify_chain (weakkey, "weak-key.example.test", utc (2024, 6, 1), root, FALSE);
  g_assert_true (v->trusted);
  g_assert_true (v->weak_key);
  g_assert_cmpint (v->weak_key_index, ==, 0);
  g_assert_cmpuint (v->weak_key_bits, ==, 1024);
  g_assert_cmpstr (v->weak_key_algorithm, ==, "RSA");
  g_assert_false (v->weak_signature);
  hl_chain_verdict_free (v);

  /* SHA-1 on the leaf counts; the root's own SHA-256 self-signature does
   * not matter either way. */
  v = hl_x509_verify_chain (sha1, "sha1.example.test", utc (2024, 6, 1), root, FALSE);
  g_assert_true (v->trusted);
  g_assert_true (v->weak_signature);
  g_assert_cmpint (v->weak_signature_index, ==, 0);
  g_assert_cmpstr (v->weak_signature_algorithm, ==, "RSA-SHA1");
  g_assert_false (v->weak_key);
  hl_chain_verdict_free (v);

  /* A public name under an inspection product's private root. */
  v = hl_x509_verify_chain (intercepted, "www.example.test", utc (2024, 6, 1), NULL, TRUE);
  g_assert_false (v->trusted);
  g_assert_true (v->untrusted_root);
  g_assert_cmpstr (v->untrusted_root_subject, ==, "CN=Zscaler Root CA,O=Zscaler Inc.");
  g_assert_cmpstr (v->inspection_product, ==, "Zscaler");
  hl_chain_verdict_free (v);
}

static void
test_verify_bad_signature (void)
{
  g_autofree char *root = cert_path ("root");
  g_autoptr(GBytes) der = load_der ("leaf");
  g_autoptr(GPtrArray) certs = g_ptr_array_new_with_free_func ((GDestroyNotify) hl_certificate_unref);
  gsize len;
  g_autofree guint8 *copy = g_bytes_unref_to_data (g_bytes_ref (der), &len);
  HlChainVerdict *v;

  copy[len - 3] ^= 0x55;   /* inside the intermediate's ECDSA signature */
  g_ptr_array_add (certs, hl_certificate_new_from_der (copy, len));
  g_ptr_array_add (certs, load_cert ("intermediate"));
  g_assert_null (((HlCertificate *) certs->pdata[0])->parse_error);

  v = hl_x509_verify_chain (certs, "www.example.test", utc (2024, 6, 1), root, FALSE);
  g_assert_false (v->trusted);
  g_assert_true (v->bad_signature);
  g_assert_false (v->chain_incomplete);
  hl_chain_verdict_free (v);
}

static void
test_verify_errors (void)
{
  g_autoptr(GPtrArray) empty = g_ptr_array_new ();
  g_autoptr(GPtrArray) junk = g_ptr_array_new_with_free_func ((GDestroyNotify) hl_certificate_unref);
  g_autoptr(GPtrArray) full = chain ("leaf", "intermediate", "root", NULL);
  g_autofree char *missing = g_build_filename (g_get_tmp_dir (), "hl-no-such-ca-file.pem", NULL);
  g_autofree char *not_pem = NULL;
  g_autoptr(GError) error = NULL;
  HlChainVerdict *v;
  int fd;

  v = hl_x509_verify_chain (empty, "x", utc (2024, 6, 1), NULL, FALSE);
  g_assert_nonnull (v->error);
  g_assert_false (v->trusted);
  hl_chain_verdict_free (v);

  v = hl_x509_verify_chain (NULL, "x", utc (2024, 6, 1), NULL, FALSE);
  g_assert_nonnull (v->error);
  hl_chain_verdict_free (v);

  g_ptr_array_add (junk, hl_certificate_new_from_der ((const guint8 *) "junk", 4));
  v = hl_x509_verify_chain (junk, "x", utc (2024, 6, 1), NULL, FALSE);
  g_assert_nonnull (v->error);
  g_assert_false (v->trusted);
  hl_chain_verdict_free (v);

  /* A CA file that cannot be read is reported, and trusts nothing. */
  v = hl_x509_verify_chain (full, NULL, utc (2024, 6, 1), missing, FALSE);
  g_assert_nonnull (v->error);
  g_assert_false (v->trusted);
  g_assert_true (v->untrusted_root);
  hl_chain_verdict_free (v);

  fd = g_file_open_tmp ("hl-ca-XXXXXX.pem", &not_pem, &error);
  g_assert_no_error (error);
  g_assert_cmpint (write (fd, "hello\n", 6), ==, 6);
  close (fd);
  v = hl_x509_verify_chain (full, NULL, utc (2024, 6, 1), not_pem, FALSE);
  g_assert_nonnull (v->error);
  g_assert_false (v->trusted);
  hl_chain_verdict_free (v);
  g_unlink (not_pem);

  hl_chain_verdict_free (NULL);
}

static void
test_inspection_names (void)
{
  static const struct { const char *dn; const char *product; } cases[] = {
    { "CN=Zscaler Root CA,OU=Zscaler Inc.,O=Zscaler Inc.", "Zscaler" },
    { "CN=FortiGate CA,O=Fortinet,C=US", "Fortinet FortiGate" },
    { "CN=Fortinet_CA_SSL", "Fortinet FortiGate" },
    { "CN=mitmproxy,O=mitmproxy", "mitmproxy" },
    { "CN=DO_NOT_TRUST_FiddlerRoot,O=DO_NOT_TRUST,OU=Created by http://www.fiddler2.com", "Fiddler" },
    { "CN=PortSwigger CA,OU=PortSwigger CA,O=PortSwigger", "Burp Suite" },
    { "CN=Charles Proxy CA (1 Jan 2024\\, host)", "Charles Proxy" },
    { "CN=ESET SSL Filter CA", "ESET SSL Filter" },
    { "CN=avast! Web/Mail Shield Root", "Avast Web/Mail Shield" },
    { "CN=AVG Web/Mail Shield Root", "AVG Web/Mail Shield" },
    { "CN=Kaspersky Anti-Virus Personal Root Certificate", "Kaspersky" },
    { "CN=Bitdefender Personal CA.Net-Defender", "Bitdefender" },
    { "CN=Cisco Umbrella Secondary SubCA ams-SG", "Cisco Umbrella" },
    { "CN=caadmin.netskope.com", "Netskope" },
    { "CN=Palo Alto Networks Forward Trust", "Palo Alto Networks" },
    { "CN=Sophos SSL CA_C0123", "Sophos" },
    { "CN=Blue Coat Forward Proxy", "Blue Coat ProxySG" },
    { "CN=MITMPROXY,O=MITMPROXY", "mitmproxy" },
    { "CN=Z\xc3\xbcrich Zscaler Root,O=\xc3\x9c" "bung", "Zscaler" },
    { "CN=R3,O=Let's Encrypt,C=US", NULL },
    { "CN=DigiCert Global Root G2", NULL },
    { "CN=Reset Services Root", NULL },
    { "", NULL },
    { NULL, NULL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    g_assert_cmpstr (hl_x509_inspection_product (cases[i].dn), ==, cases[i].product);
}

static void *
verify_thread (gpointer data)
{
  const char *root = data;
  g_autoptr(GPtrArray) full = chain ("leaf", "intermediate", NULL);

  for (int i = 0; i < 20; i++)
    {
      g_autoptr(HlChainVerdict) v = hl_x509_verify_chain (full, "www.example.test", utc (2024, 6, 1), root, FALSE);
      if (!v->trusted)
        return GINT_TO_POINTER (1);
    }
  return NULL;
}

static void
test_verify_threads (void)
{
  g_autofree char *root = cert_path ("root");
  GThread *threads[4];

  for (guint i = 0; i < G_N_ELEMENTS (threads); i++)
    threads[i] = g_thread_new ("verify", verify_thread, root);
  for (guint i = 0; i < G_N_ELEMENTS (threads); i++)
    g_assert_null (g_thread_join (threads[i]));
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/certificate/parse/leaf", test_parse_leaf);
  g_test_add_func ("/certificate/parse/root", test_parse_root);
  g_test_add_func ("/certificate/parse/intermediate", test_parse_intermediate);
  g_test_add_func ("/certificate/parse/variants", test_parse_variants);
  g_test_add_func ("/certificate/parse/der-copies", test_der_copies);
  g_test_add_func ("/certificate/parse/tampered", test_tampered_signature);
  g_test_add_func ("/certificate/parse/garbage", test_garbage);
  g_test_add_func ("/certificate/parse/mutations", test_mutations);
  g_test_add_func ("/certificate/matches-host", test_matches_host);
  g_test_add_func ("/x509-verify/good", test_verify_good);
  g_test_add_func ("/x509-verify/times", test_verify_times);
  g_test_add_func ("/x509-verify/trust", test_verify_trust);
  g_test_add_func ("/x509-verify/problems", test_verify_problems);
  g_test_add_func ("/x509-verify/bad-signature", test_verify_bad_signature);
  g_test_add_func ("/x509-verify/errors", test_verify_errors);
  g_test_add_func ("/x509-verify/inspection-names", test_inspection_names);
  g_test_add_func ("/x509-verify/threads", test_verify_threads);
  g_test_add_func ("/certificate/parse-cached", test_parse_cached);
  return g_test_run ();
}
