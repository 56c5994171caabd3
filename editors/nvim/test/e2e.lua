-- Headless end-to-end test of sqlsage in Neovim, run by `make test`:
--
--   SQLSAGE_BIN=bin/sqlsage nvim --headless -u NONE -c "luafile editors/nvim/test/e2e.lua"
--
-- It attaches sqlsage to a .sql buffer with the README's set-up, waits for
-- diagnostics, checks the exact rule IDs and lines, requests code actions,
-- applies the fk-missing-index fix, checks the buffer text, and exits with
-- status 0 on success or 1 with a message on failure.
local function fail(msg)
  io.stderr:write("nvim e2e: FAIL: " .. msg .. "\n")
  vim.cmd("cquit 1")
end

local ok, err = pcall(function()
  local repo = vim.fn.getcwd()
  local bin = os.getenv("SQLSAGE_BIN") or (repo .. "/bin/sqlsage")
  vim.opt.runtimepath:append(repo .. "/editors/nvim")
  require("sqlsage").setup({ cmd = { bin, "serve" } })

  local dir = vim.fn.tempname()
  vim.fn.mkdir(dir, "p")
  local path = dir .. "/001_init.sql"
  local lines = {
    "CREATE TABLE users (id bigint PRIMARY KEY, email text NOT NULL);",
    "CREATE TABLE orders (",
    "  id bigint PRIMARY KEY,",
    "  user_id bigint NOT NULL REFERENCES users (id),",
    "  total_amount float8 NOT NULL",
    ");",
  }
  vim.fn.writefile(lines, path)
  vim.cmd("edit " .. path)
  vim.bo.filetype = "sql"
  local buf = vim.api.nvim_get_current_buf()

  -- Warnings and errors only: hints are design suggestions, and new hint
  -- rules must not change what this test expects.
  local function codes()
    local got = {}
    for _, d in ipairs(vim.diagnostic.get(buf, { severity = { min = vim.diagnostic.severity.WARN } })) do
      table.insert(got, string.format("%d:%s", d.lnum + 1, d.code))
    end
    table.sort(got)
    return table.concat(got, " ")
  end
  local want = "4:fk-missing-index 5:money-float"
  if not vim.wait(10000, function() return codes() == want end, 20) then
    return fail(string.format("diagnostics: got %q, want %q", codes(), want))
  end

  -- Ask for the code actions on line 4 and apply the fk-missing-index fix.
  local diag
  for _, d in ipairs(vim.diagnostic.get(buf)) do
    if d.code == "fk-missing-index" then diag = d end
  end
  local params = {
    textDocument = { uri = vim.uri_from_bufnr(buf) },
    range = { start = { line = diag.lnum, character = diag.col }, ["end"] = { line = diag.end_lnum, character = diag.end_col } },
    context = { diagnostics = { diag.user_data.lsp } },
  }
  local responses = vim.lsp.buf_request_sync(buf, "textDocument/codeAction", params, 5000)
  local action
  for _, resp in pairs(responses or {}) do
    for _, a in ipairs(resp.result or {}) do
      if a.isPreferred and a.diagnostics and a.diagnostics[1] and a.diagnostics[1].code == "fk-missing-index" then
        action = a
      end
    end
  end
  if not action then
    return fail("no preferred fk-missing-index code action: " .. vim.inspect(responses))
  end
  vim.lsp.util.apply_workspace_edit(action.edit, "utf-16")

  local text = table.concat(vim.api.nvim_buf_get_lines(buf, 0, -1, false), "\n")
  local want_text = table.concat(lines, "\n") .. "\nCREATE INDEX idx_orders_user_id ON orders (user_id);"
  if text ~= want_text then
    return fail(string.format("buffer after fix:\n%s\nwant:\n%s", text, want_text))
  end

  -- The server sees the edit and the finding clears.
  if not vim.wait(10000, function() return codes() == "5:money-float" end, 20) then
    return fail(string.format("after fix: diagnostics %q, want %q", codes(), "5:money-float"))
  end
  io.stdout:write("nvim e2e: ok (" .. vim.fn.execute("version"):match("NVIM v[%d.]+") .. ")\n")
  vim.cmd("qall!")
end)
if not ok then
  fail(tostring(err))
end
