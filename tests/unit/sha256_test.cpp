#include <gtest/gtest.h>

#include "util/sha256.h"

TEST(Sha256, KnownVectors) {
  EXPECT_EQ(gk::sha256_hex(""), "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  EXPECT_EQ(gk::sha256_hex("abc"), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  EXPECT_EQ(gk::sha256_hex(std::string(1000, 'a')),
            "41edece42d63e8d9bf515a9ba6932e1c20cbc9f5a5d134645adb5db1b9737ea3");
}

TEST(Sha256, PortableMatchesLibrary) {
  std::string data;
  for (int i = 0; i < 5000; ++i) {
    data.push_back(static_cast<char>(i * 131 % 251));
    if (i % 97 == 0) {
      EXPECT_EQ(gk::sha256_hex(data), gk::sha256_hex_portable(data)) << i;
    }
  }
}
