;;; e2e.el --- headless end-to-end test of sqlsage in Emacs with eglot  -*- lexical-binding: t; -*-

;; Run from the repository root (make emacs-test):
;;
;;   SQLSAGE_BIN=bin/sqlsage emacs --batch -Q -l editors/emacs/test/e2e.el
;;
;; Loads editors/emacs/sqlsage.el as the README says, opens a .sql file,
;; waits for the Flymake diagnostics that eglot receives from sqlsage,
;; checks the exact rule IDs and lines, asks for code actions, applies the
;; preferred fk-missing-index fix, checks the buffer text, and exits with
;; status 0, or 1 with a message.

;;; Code:

(require 'package)
(add-to-list 'package-directory-list "/usr/share/emacs/site-lisp/elpa")
(package-initialize)
(add-to-list 'load-path (expand-file-name "editors/emacs"))
(require 'sqlsage)
(require 'sql)

(defun sqlsage-test-fail (fmt &rest args)
  (princ (concat "emacs e2e: FAIL: " (apply #'format fmt args) "\n") #'external-debugging-output)
  (kill-emacs 1))

(defun sqlsage-test-codes ()
  "The warnings and errors of the buffer as sorted \"LINE:RULE\" strings.
Hints and notes (design suggestions) are left out, so that new hint rules
do not change what this test expects."
  (let (codes)
    (dolist (d (flymake-diagnostics))
      (when (and (memq (flymake-diagnostic-type d) '(eglot-error eglot-warning))
                 (string-match "\\[\\([a-z0-9-]+\\)\\]" (flymake-diagnostic-text d)))
        (push (format "%d:%s" (line-number-at-pos (flymake-diagnostic-beg d))
                      (match-string 1 (flymake-diagnostic-text d)))
              codes)))
    (mapconcat #'identity (sort codes #'string<) " ")))

(defun sqlsage-test-wait (want)
  "Wait up to 15 s until the diagnostics are WANT."
  (let ((deadline (+ (float-time) 15)))
    (while (and (< (float-time) deadline) (not (equal (sqlsage-test-codes) want)))
      (accept-process-output nil 0.05)
      (when flymake-mode (flymake-start)))
    (unless (equal (sqlsage-test-codes) want)
      (sqlsage-test-fail "diagnostics %S, want %S" (sqlsage-test-codes) want))))

(condition-case err
    (let* ((bin (or (getenv "SQLSAGE_BIN") (expand-file-name "bin/sqlsage")))
           (dir (file-name-as-directory (make-temp-file "sqlsage-emacs" t)))
           (file (expand-file-name "001_init.sql" dir))
           (text (concat "CREATE TABLE users (id bigint PRIMARY KEY, email text NOT NULL);\n"
                         "CREATE TABLE orders (\n"
                         "  id bigint PRIMARY KEY,\n"
                         "  user_id bigint NOT NULL REFERENCES users (id),\n"
                         "  total_amount float8 NOT NULL\n"
                         ");\n")))
      (setq sqlsage-command (list (expand-file-name bin) "serve"))
      (with-temp-file file (insert text))
      (find-file file)
      (sql-mode)
      (eglot '(sql-mode) (cons 'transient dir) 'eglot-lsp-server sqlsage-command "sql")
      (sqlsage-test-wait "4:fk-missing-index 5:money-float")
      ;; Code actions on line 4; apply the preferred fk-missing-index fix.
      (goto-char (point-min))
      (forward-line 3)
      (let* ((actions (eglot-code-actions (line-beginning-position) (line-end-position) "quickfix"))
             (action (cl-find-if (lambda (a) (and (plist-get a :isPreferred)
                                                  (string-prefix-p "Create index" (plist-get a :title))))
                                 actions)))
        (unless action
          (sqlsage-test-fail "no preferred \"Create index\" action among %S"
                             (mapcar (lambda (a) (plist-get a :title)) actions)))
        (eglot--apply-workspace-edit (plist-get action :edit))
        ;; eglot sends didChange from an idle timer, and batch Emacs is never idle.
        (eglot--signal-textDocument/didChange))
      (let ((want (concat text "CREATE INDEX idx_orders_user_id ON orders (user_id);\n")))
        (unless (equal (buffer-string) want)
          (sqlsage-test-fail "buffer after the fix:\n%s\nwant:\n%s" (buffer-string) want)))
      (sqlsage-test-wait "5:money-float")
      (princ (format "emacs e2e: ok (Emacs %s, eglot %s)\n" emacs-version
                     (package-desc-version (cadr (assq 'eglot package-alist))))
             #'external-debugging-output)
      (let ((kill-buffer-query-functions nil))
        (eglot-shutdown (eglot-current-server)))
      (kill-emacs 0))
  (error (sqlsage-test-fail "%S" err)))

;;; e2e.el ends here
