#include "read/zip_archive.h"

#include "read/format_readers.h"

#if GONGKAI_HAVE_DOCX

#include <zip.h>

namespace gk {

struct ZipArchive::Impl {
  zip_t* zip = nullptr;
  ReadLimits limits;
  size_t inflated = 0;  // running total actually read
  ~Impl() {
    if (zip) zip_discard(zip);
  }
};

namespace {
const char* kDamaged = "压缩包已损坏或被截断（不是有效的 ZIP 文件）";
}

ZipArchive::ZipArchive(std::string_view bytes, const ReadLimits& limits) : impl_(new Impl) {
  impl_->limits = limits;
  zip_error_t err;
  zip_error_init(&err);
  zip_source_t* src = zip_source_buffer_create(bytes.data(), bytes.size(), 0, &err);
  if (!src) {
    zip_error_fini(&err);
    throw ReadError(kDamaged);
  }
  impl_->zip = zip_open_from_source(src, ZIP_RDONLY, &err);
  zip_error_fini(&err);
  if (!impl_->zip) {
    zip_source_free(src);
    throw ReadError(kDamaged);
  }
  zip_int64_t n = zip_get_num_entries(impl_->zip, 0);
  if (n < 0) throw ReadError(kDamaged);
  if (n > 20000) throw ReadError("压缩包内文件数量过多（" + std::to_string(n) + " 个），可能是恶意文件");
  // Declared sizes: refuse early when they already exceed the budget.
  unsigned long long total = 0;
  for (zip_int64_t i = 0; i < n; ++i) {
    zip_stat_t st;
    zip_stat_init(&st);
    if (zip_stat_index(impl_->zip, i, 0, &st) != 0) continue;
    if (st.valid & ZIP_STAT_SIZE) total += st.size;
  }
  if (total > limits.max_unpacked_bytes)
    throw ReadError("压缩包解压后过大（" + std::to_string(total >> 20) + " MiB），可能是压缩炸弹");
}

ZipArchive::~ZipArchive() = default;

bool ZipArchive::has(const std::string& name) const {
  return zip_name_locate(impl_->zip, name.c_str(), 0) >= 0;
}

std::string ZipArchive::read(const std::string& name) {
  zip_int64_t idx = zip_name_locate(impl_->zip, name.c_str(), 0);
  if (idx < 0) throw ReadError("压缩包中缺少 " + name);
  zip_stat_t st;
  zip_stat_init(&st);
  if (zip_stat_index(impl_->zip, idx, 0, &st) != 0) throw ReadError(kDamaged);
  const ReadLimits& lim = impl_->limits;
  if ((st.valid & ZIP_STAT_SIZE) && st.size > lim.max_entry_bytes)
    throw ReadError(name + " 解压后过大（" + std::to_string(st.size >> 20) + " MiB），可能是压缩炸弹");
  if ((st.valid & ZIP_STAT_ENCRYPTION_METHOD) && st.encryption_method != ZIP_EM_NONE)
    throw ReadError("文件已加密（需要密码），无法读取");
  zip_file_t* f = zip_fopen_index(impl_->zip, idx, 0);
  if (!f) throw ReadError(kDamaged);
  std::string out;
  char buf[65536];
  for (;;) {
    zip_int64_t r = zip_fread(f, buf, sizeof buf);
    if (r < 0) {
      zip_fclose(f);
      throw ReadError(kDamaged);
    }
    if (r == 0) break;
    out.append(buf, (size_t)r);
    impl_->inflated += (size_t)r;
    // Never trust the header: stop at the limits whatever it declared.
    if (out.size() > lim.max_entry_bytes || impl_->inflated > lim.max_unpacked_bytes) {
      zip_fclose(f);
      throw ReadError(name + " 解压后超过大小上限，可能是压缩炸弹");
    }
  }
  if (zip_fclose(f) != 0) throw ReadError(kDamaged);
  return out;
}

}  // namespace gk

#endif  // GONGKAI_HAVE_DOCX
