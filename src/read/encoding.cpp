// Text decoding: UTF-8 (with or without BOM), UTF-16LE/BE, GB18030/GBK.
#include <iconv.h>

#include <cerrno>
#include <cstdint>
#include <cstring>

#include "read/reader.h"
#include "util/utf8.h"

namespace gk {

namespace {

std::string iconv_to_utf8(std::string_view in, const char* from) {
  iconv_t cd = iconv_open("UTF-8", from);
  if (cd == (iconv_t)-1) throw ReadError(std::string("系统不支持编码 ") + from);
  std::string out;
  out.resize(in.size() * 2 + 16);
  char* inp = const_cast<char*>(in.data());
  size_t inleft = in.size();
  size_t used = 0;
  while (inleft > 0) {
    char* outp = out.data() + used;
    size_t outleft = out.size() - used;
    size_t rc = iconv(cd, &inp, &inleft, &outp, &outleft);
    used = out.size() - outleft;
    if (rc == (size_t)-1) {
      if (errno == E2BIG) {
        out.resize(out.size() * 2);
        continue;
      }
      if (errno == EILSEQ || errno == EINVAL) {
        // An undecodable byte: replace with U+FFFD and skip it, never stop.
        if (out.size() - used < 4) out.resize(out.size() * 2);
        std::memcpy(out.data() + used, "\xEF\xBF\xBD", 3);
        used += 3;
        ++inp;
        --inleft;
        continue;
      }
      break;
    }
  }
  iconv_close(cd);
  out.resize(used);
  return out;
}

bool looks_utf16(std::string_view b, bool* little) {
  if (b.size() < 4 || (b.size() & 1)) return false;
  size_t n = std::min<size_t>(b.size(), 8192);
  size_t even0 = 0, odd0 = 0;
  for (size_t i = 0; i + 1 < n; i += 2) {
    if (b[i] == 0) ++even0;
    if (b[i + 1] == 0) ++odd0;
  }
  size_t pairs = n / 2;
  // Text has ASCII (tabs, digits, newlines): in UTF-16 their zero byte sits on
  // one side. CJK code units rarely have a zero byte, so the skew is strong.
  if (odd0 * 20 >= pairs && odd0 > 4 * even0) { *little = true; return true; }
  if (even0 * 20 >= pairs && even0 > 4 * odd0) { *little = false; return true; }
  return false;
}

}  // namespace

std::string decode_text(std::string_view b, std::string* encoding) {
  std::string enc;
  std::string out;
  if (b.size() >= 3 && (unsigned char)b[0] == 0xEF && (unsigned char)b[1] == 0xBB &&
      (unsigned char)b[2] == 0xBF) {
    enc = "UTF-8";
    out = utf8::sanitize(b.substr(3));
  } else if (b.size() >= 2 && (unsigned char)b[0] == 0xFF && (unsigned char)b[1] == 0xFE) {
    enc = "UTF-16LE";
    out = iconv_to_utf8(b.substr(2), "UTF-16LE");
  } else if (b.size() >= 2 && (unsigned char)b[0] == 0xFE && (unsigned char)b[1] == 0xFF) {
    enc = "UTF-16BE";
    out = iconv_to_utf8(b.substr(2), "UTF-16BE");
  } else {
    bool little = true;
    if (looks_utf16(b, &little)) {
      enc = little ? "UTF-16LE" : "UTF-16BE";
      out = iconv_to_utf8(b, enc.c_str());
    } else if (utf8::valid(b)) {
      enc = "UTF-8";
      out.assign(b);
    } else {
      if (std::memchr(b.data(), 0, b.size()))
        throw ReadError("不是文本文件（含有二进制数据）");
      enc = "GB18030";
      out = iconv_to_utf8(b, "GB18030");
    }
  }
  // Binary data decoded as text: many control characters.
  size_t ctrl = 0;
  auto is_ctrl = [](unsigned char c) {
    return (c < 0x20 && c != '\n' && c != '\r' && c != '\t' && c != '\f' && c != '\v') | (c == 0x7f);
  };
  {
    // Eight bytes at a time past those with no byte below 0x20 and no 0x7F.
    constexpr uint64_t ones = 0x0101010101010101ull, high = 0x8080808080808080ull;
    const unsigned char* p = reinterpret_cast<const unsigned char*>(out.data());
    const size_t n = out.size();
    size_t i = 0;
    for (; i + 8 <= n; i += 8) {
      uint64_t w;
      std::memcpy(&w, p + i, 8);
      uint64_t del = w ^ (ones * 0x7f);
      if (!(((w - ones * 0x20) & ~w & high) | ((del - ones) & ~del & high))) continue;
      for (size_t k = 0; k < 8; ++k) ctrl += is_ctrl(p[i + k]);
    }
    for (; i < n; ++i) ctrl += is_ctrl(p[i]);
  }
  if (ctrl > 16 && ctrl * 50 > out.size()) throw ReadError("不是文本文件（含有大量控制字符）");
  if (encoding) *encoding = enc;
  return out;
}

}  // namespace gk
