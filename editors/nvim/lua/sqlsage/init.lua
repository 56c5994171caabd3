-- sqlsage for Neovim: starts `sqlsage serve` for SQL buffers.
--
--   vim.opt.runtimepath:append("/path/to/sqlsage/editors/nvim")
--   require("sqlsage").setup()
--
-- On Neovim 0.11+ this registers the server with vim.lsp.config and
-- vim.lsp.enable (lsp/sqlsage.lua alone also works there); on older
-- versions (Debian's 0.7) it starts the client from a FileType autocommand
-- with vim.lsp.start_client. With nvim-lspconfig, call
-- require("sqlsage").register_lspconfig() and then
-- require("lspconfig").sqlsage.setup({}).
local M = {}

M.defaults = {
  cmd = { "sqlsage", "serve" },
  filetypes = { "sql", "pgsql" },
  root_markers = { ".sqlsage.toml", ".git" },
  settings = {},
}

-- root_dir returns the nearest ancestor of path holding a root marker,
-- or the file's own directory.
local function root_dir(path, markers)
  local dir = vim.fn.fnamemodify(path, ":p:h")
  local found = vim.fn.finddir(".git", dir .. ";")
  for _, marker in ipairs(markers) do
    local f = vim.fn.findfile(marker, dir .. ";")
    if f ~= "" then
      return vim.fn.fnamemodify(f, ":p:h")
    end
  end
  if found ~= "" then
    return vim.fn.fnamemodify(found, ":p:h:h")
  end
  return dir
end

function M.setup(opts)
  local config = vim.tbl_deep_extend("force", {}, M.defaults, opts or {})
  if vim.lsp.config and vim.lsp.enable then
    vim.lsp.config("sqlsage", {
      cmd = config.cmd,
      filetypes = config.filetypes,
      root_markers = config.root_markers,
      settings = config.settings,
    })
    vim.lsp.enable("sqlsage")
    return
  end
  local clients = {} -- root directory → client id
  vim.api.nvim_create_autocmd("FileType", {
    pattern = config.filetypes,
    callback = function(args)
      local root = root_dir(vim.api.nvim_buf_get_name(args.buf), config.root_markers)
      local id = clients[root]
      if not id or not vim.lsp.get_client_by_id(id) then
        id = vim.lsp.start_client({
          name = "sqlsage",
          cmd = config.cmd,
          root_dir = root,
          workspace_folders = { { uri = vim.uri_from_fname(root), name = root } },
          settings = config.settings,
        })
        clients[root] = id
      end
      if id then
        vim.lsp.buf_attach_client(args.buf, id)
      end
    end,
  })
end

-- register_lspconfig adds sqlsage to nvim-lspconfig's configurations, so
-- that require("lspconfig").sqlsage.setup({}) starts it.
function M.register_lspconfig(opts)
  local config = vim.tbl_deep_extend("force", {}, M.defaults, opts or {})
  local configs = require("lspconfig.configs")
  if configs.sqlsage then
    return
  end
  configs.sqlsage = {
    default_config = {
      cmd = config.cmd,
      filetypes = config.filetypes,
      root_dir = require("lspconfig.util").root_pattern(unpack(config.root_markers)),
      settings = config.settings,
    },
    docs = { description = "sqlsage: PostgreSQL schema, migration and query review" },
  }
end

return M
