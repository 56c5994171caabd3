;;; sqlsage.el --- sqlsage language server for SQL buffers via eglot  -*- lexical-binding: t; -*-

;; Usage (Emacs 28 with the eglot package, or Emacs 29+ where it is built in):
;;
;;   (add-to-list 'load-path "/path/to/sqlsage/editors/emacs")
;;   (require 'sqlsage)
;;   (add-hook 'sql-mode-hook #'eglot-ensure)
;;
;; Diagnostics appear through Flymake; fixes are offered by
;; `eglot-code-actions' (C-c C-a is a common binding).

;;; Code:

(require 'eglot)

(defgroup sqlsage nil
  "PostgreSQL review with the sqlsage language server."
  :group 'tools)

(defcustom sqlsage-command '("sqlsage" "serve")
  "Command that starts the sqlsage language server."
  :type '(repeat string)
  :group 'sqlsage)

(add-to-list 'eglot-server-programs
             `((sql-mode) . ,(lambda (&rest _) sqlsage-command)))

(provide 'sqlsage)
;;; sqlsage.el ends here
