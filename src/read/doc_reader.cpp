// DOC (Word 97-2003) and RTF: converted to DOCX by LibreOffice headless, then
// read by the DOCX reader, so merged cells come out as a true grid.
// Why LibreOffice: antiword and catdoc (Debian) both read the CJK text of our
// fixtures but flatten tables: a cell holding two paragraphs splits its row,
// and merged cells vanish, which breaks the row/label order the recognizer
// needs. LibreOffice keeps the table model.
// Each conversion runs in a fresh temporary directory with its own profile
// (parallel conversions sharing a profile hand their work to one another),
// in its own process group, killed when ReadLimits::max_seconds runs out.
// line = as for DOCX (running paragraph counter of the converted document).
#include "read/format_readers.h"

#if GONGKAI_HAVE_DOCX

#include <fcntl.h>
#include <signal.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <thread>
#include <vector>

namespace gk {

namespace {

namespace fs = std::filesystem;

std::string find_soffice() {
  if (const char* env = std::getenv("GONGKAI_SOFFICE")) {
    if (*env && access(env, X_OK) == 0) return env;
    return "";
  }
  const char* path = std::getenv("PATH");
  std::string p = path ? path : "/usr/bin:/bin";
  size_t start = 0;
  while (start <= p.size()) {
    size_t end = p.find(':', start);
    if (end == std::string::npos) end = p.size();
    std::string dir = p.substr(start, end - start);
    for (const char* name : {"soffice", "libreoffice"}) {
      std::string cand = (dir.empty() ? "." : dir) + "/" + name;
      if (access(cand.c_str(), X_OK) == 0) return cand;
    }
    start = end + 1;
  }
  return "";
}

struct TempDir {
  fs::path path;
  TempDir() {
    std::string tmpl = (fs::temp_directory_path() / "gongkai-doc-XXXXXX").string();
    std::vector<char> buf(tmpl.begin(), tmpl.end());
    buf.push_back('\0');
    if (!mkdtemp(buf.data())) throw ReadError("无法创建临时目录");
    path = buf.data();
  }
  ~TempDir() {
    std::error_code ec;
    fs::remove_all(path, ec);
  }
};

// Run argv with stdin/stdout/stderr on /dev/null; kill its process group
// after `seconds`. Returns the exit status, or -1 on timeout.
int run_bounded(const std::vector<std::string>& args, const std::string& home, double seconds) {
  std::vector<char*> argv;
  for (auto& a : args) argv.push_back(const_cast<char*>(a.c_str()));
  argv.push_back(nullptr);
  // The environment with HOME replaced, built before fork (the child may
  // only call async-signal-safe functions).
  std::vector<std::string> env_store;
  for (char** e = environ; e && *e; ++e)
    if (std::strncmp(*e, "HOME=", 5) != 0) env_store.push_back(*e);
  env_store.push_back("HOME=" + home);
  std::vector<char*> envp;
  for (auto& e : env_store) envp.push_back(const_cast<char*>(e.c_str()));
  envp.push_back(nullptr);
  pid_t pid = fork();
  if (pid < 0) throw ReadError("无法启动 LibreOffice 进程");
  if (pid == 0) {
    setpgid(0, 0);
    int devnull = open("/dev/null", O_RDWR);
    if (devnull >= 0) {
      dup2(devnull, 0);
      dup2(devnull, 1);
      dup2(devnull, 2);
    }
    execve(argv[0], argv.data(), envp.data());
    _exit(127);
  }
  setpgid(pid, pid);
  auto start = std::chrono::steady_clock::now();
  for (;;) {
    int status = 0;
    pid_t r = waitpid(pid, &status, WNOHANG);
    if (r == pid) {
      kill(-pid, SIGKILL);  // helpers left in the group
      return WIFEXITED(status) ? WEXITSTATUS(status) : 128;
    }
    if (r < 0 && errno != EINTR) return 128;
    if (std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count() > seconds) {
      kill(-pid, SIGKILL);
      waitpid(pid, &status, 0);
      return -1;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
}

// UTF-16LE name of a stream in an OLE compound file.
bool has_ole_stream(std::string_view bytes, const char* name) {
  std::string u16;
  for (const char* p = name; *p; ++p) {
    u16 += *p;
    u16 += '\0';
  }
  return bytes.find(u16) != std::string_view::npos;
}

}  // namespace

bool office_converter_available() { return !find_soffice().empty(); }

Document read_doc(std::string_view bytes, const std::string& path, const std::string& format,
                  const ReadLimits& limits) {
  if (format == "doc" && has_ole_stream(bytes, "EncryptedPackage"))
    throw ReadError("Word 文档已加密（需要密码），无法读取");
  const std::string needs =
      "读取 " + std::string(format == "rtf" ? "RTF" : "Word 97-2003（DOC）") + " 文件需要 LibreOffice";
  if (!limits.office) throw ReadError(needs + " 转换，转换已关闭，未读取");
  std::string soffice = find_soffice();
  if (soffice.empty()) throw ReadError(needs + "（soffice），本机未安装");
  TempDir tmp;
  fs::path in = tmp.path / (format == "rtf" ? "input.rtf" : "input.doc");
  {
    std::ofstream f(in, std::ios::binary);
    f.write(bytes.data(), (std::streamsize)bytes.size());
    if (!f) throw ReadError("无法写入临时文件");
  }
  std::string profile = "file://" + (tmp.path / "profile").string();
  std::vector<std::string> args = {soffice,
                                   "-env:UserInstallation=" + profile,
                                   "--headless",
                                   "--norestore",
                                   "--nolockcheck",
                                   // never fall back to importing the bytes as plain text
                                   format == "rtf" ? "--infilter=Rich Text Format" : "--infilter=MS Word 97",
                                   "--convert-to",
                                   "docx:MS Word 2007 XML",
                                   "--outdir",
                                   tmp.path.string(),
                                   in.string()};
  int rc = run_bounded(args, tmp.path.string(), limits.max_seconds);
  if (rc == -1)
    throw ReadError("转换 " + std::string(format == "rtf" ? "RTF" : "DOC") + " 文件超时（超过 " +
                    std::to_string((int)limits.max_seconds) + " 秒）");
  fs::path out = tmp.path / "input.docx";
  std::error_code ec;
  if (!fs::exists(out, ec) || fs::file_size(out, ec) == 0)
    throw ReadError(std::string(format == "rtf" ? "RTF" : "Word 97-2003（DOC）") +
                    " 文件已损坏、已加密或无法转换");
  std::string docx;
  {
    std::ifstream f(out, std::ios::binary);
    docx.assign(std::istreambuf_iterator<char>(f), {});
  }
  Document doc = read_docx(docx, path, limits);
  doc.format = format;
  doc.encoding = format == "rtf" ? "RTF" : "DOC";
  return doc;
}

}  // namespace gk

#endif  // GONGKAI_HAVE_DOCX
