# -*- coding: utf-8 -*-
#
# Syntax gate and Plex loader lint for legacy agent code. Runs under Python 2.7 only (the interpreter
# Plex runs agent bundles with): it must stay valid 2.7 and use nothing beyond the standard library.
#
# Protocol: one JSON request on stdin, one JSON answer on stdout.
#   request: {"checks": ["syntax", "lint"], "files": [{"name": "X.bundle/Contents/Code/utils.py",
#             "path": "/abs/file.py"} | {"name": "...", "source": "<base64 bytes>"}]}
#   answer:  {"version": "2.7.18", "cpuSeconds": 1.23, "results": [{"name": "...", "parsed": true, "findings": [
#             {"check": "syntax" | "lint", "rule": "...", "line": 1, "column": 1, "message": "...",
#              "fix": "...", "code": "<the source line, stripped>"}]}]}
# Nothing is written to disk: sources are compiled in memory (no .pyc).

import ast
import base64
import gc
import json
import os
import re
import sys
from types import CodeType

RULE_SYNTAX = 'syntax'
RULE_UNDERSCORE_NAME = 'underscore-name'
RULE_UNDERSCORE_ATTRIBUTE = 'underscore-attribute'
RULE_FILE_REFERENCE = 'file-reference'
RULE_AUGMENTED_ASSIGNMENT = 'augmented-assignment'
RULE_EXEC_EVAL = 'exec-eval'
RULE_UNAVAILABLE_IMPORT = 'unavailable-import'

# Modules that exist only in Python 3: importing them makes the bundle fail to load under Plex's 2.7.
PYTHON3_ONLY_MODULES = {
    'asyncio': 'threading (Thread) or the Framework\'s Thread API',
    'builtins': '__builtin__ is not reachable either; use the builtin names directly',
    'configparser': 'ConfigParser',
    'concurrent': 'threading',
    'dataclasses': 'a plain class',
    'enum': 'class constants',
    'html': 'HTMLParser (html.parser) or cgi.escape (html.escape)',
    'http': 'httplib (http.client), cookielib (http.cookiejar), or the Framework\'s HTTP API',
    'ipaddress': 'socket.inet_aton',
    'lzma': 'zlib or bz2',
    'pathlib': 'os.path',
    'queue': 'Queue',
    'reprlib': 'repr',
    'secrets': 'random.SystemRandom',
    'selectors': 'select',
    'socketserver': 'SocketServer',
    'statistics': 'a small helper function',
    'tkinter': 'nothing (no GUI inside Plex)',
    'typing': 'comments (type hints are not Python 2.7)',
    'urllib.error': 'urllib2 (HTTPError, URLError)',
    'urllib.parse': 'urllib (quote, urlencode) and urlparse',
    'urllib.request': 'urllib2 or the Framework\'s HTTP.Request',
    'xmlrpc': 'xmlrpclib',
}

EVAL_NAMES = ('eval', 'execfile')


def is_private(name):
    return name is not None and len(name) > 1 and name.startswith('_')


def is_dunder(name):
    return len(name) > 4 and name.startswith('__') and name.endswith('__')


class Linter(object):
    """Walks a Python 2.7 AST and records what Plex's RestrictedPython loader refuses or breaks on."""

    def __init__(self, lines):
        self.lines = lines
        self.findings = []
        self.methods = set()

    def add(self, node, rule, message, fix):
        line = getattr(node, 'lineno', 0) or 0
        column = getattr(node, 'col_offset', -1)
        self.findings.append({
            'check': 'lint', 'rule': rule, 'line': line, 'column': column + 1 if column >= 0 else 0,
            'message': message, 'fix': fix, 'code': source_line(self.lines, line),
        })

    def private_name(self, node, name, what):
        if is_private(name):
            self.add(node, RULE_UNDERSCORE_NAME,
                     '%s "%s" starts with "_": Plex\'s loader refuses names starting with "_" and the bundle fails to load.'
                     % (what, name),
                     'Rename "%s" to a name without the leading underscore (for example "%s"), everywhere it is used.'
                     % (name, name.lstrip('_') or 'value'))

    def run(self, tree):
        # An explicit stack instead of recursion (generated modules nest deeply) and a per-class list of
        # the fields that can hold child nodes: the walk has to stay fast on 400 KB files.
        handlers = {
            ast.Name: self.visit_name,
            ast.Attribute: self.visit_attribute,
            ast.FunctionDef: self.visit_function,
            ast.ClassDef: self.visit_class,
            ast.Lambda: self.visit_lambda,
            ast.AugAssign: self.visit_aug_assign,
            ast.Exec: self.visit_exec,
            ast.Call: self.visit_call,
            ast.Import: self.visit_import,
            ast.ImportFrom: self.visit_import_from,
            ast.Global: self.visit_global,
            ast.ExceptHandler: self.visit_except_handler,
        }
        handler_of = handlers.get
        fields_cache = {}
        fields_of = fields_cache.get
        stack = [tree]
        pop = stack.pop
        push = stack.append
        extend = stack.extend
        while stack:
            node = pop()
            cls = node.__class__
            handler = handler_of(cls)
            if handler is not None:
                handler(node)
            fields = fields_of(cls)
            if fields is None:
                fields = fields_cache[cls] = tuple(f for f in cls._fields if f not in LEAF_FIELDS)
            for field in fields:
                value = getattr(node, field, None)
                if value is None:
                    continue
                if value.__class__ is list:
                    extend(value)
                else:
                    push(value)
        self.findings.sort(key=lambda f: (f['line'], f['column'], f['rule']))
        return self.findings

    def visit_name(self, node):
        if node.id == '__file__':
            self.add(node, RULE_FILE_REFERENCE,
                     '"__file__" is not defined inside Plex\'s loader: code using it fails (the bundle stops loading when it runs at import).',
                     'Remove the use of __file__ (Plex\'s loader does not set it for agent code); load bundle files '
                     'through the Framework\'s resource functions (for example Resource.Load) instead of building paths.')
            return
        if isinstance(node.ctx, (ast.Store, ast.Del)):
            self.private_name(node, node.id, 'Assigned name')
        elif isinstance(node.ctx, ast.Param):
            self.private_name(node, node.id, 'Argument name')

    def visit_attribute(self, node):
        if is_private(node.attr):
            self.add(node, RULE_UNDERSCORE_ATTRIBUTE,
                     'Attribute "%s" starts with "_": Plex\'s loader refuses attribute names starting with "_" and the bundle fails to load.'
                     % node.attr,
                     'Use a public attribute or method instead of "%s" (rename it without the leading underscore, '
                     'or call the public API that wraps it).' % node.attr)

    def visit_arguments(self, node, args):
        if is_private(args.vararg):
            self.private_name(node, args.vararg, 'Argument name')
        if is_private(args.kwarg):
            self.private_name(node, args.kwarg, 'Argument name')

    def visit_function(self, node):
        # Dunder method definitions (__init__, __str__, ...) directly in a class body are allowed.
        if not (id(node) in self.methods and is_dunder(node.name)):
            self.private_name(node, node.name, 'Function name')
        self.visit_arguments(node, node.args)

    def visit_lambda(self, node):
        self.visit_arguments(node, node.args)

    def visit_class(self, node):
        self.private_name(node, node.name, 'Class name')
        for statement in node.body:
            if isinstance(statement, ast.FunctionDef):
                self.methods.add(id(statement))

    def visit_aug_assign(self, node):
        op = AUG_OPS.get(node.op.__class__, '?=')
        target = node.target
        if isinstance(target, ast.Name):
            if op == '+=':
                return
            self.add(node, RULE_AUGMENTED_ASSIGNMENT,
                     'Augmented assignment "%s %s ..." fails in Plex\'s loader: only "+=" is supported on a plain name.'
                     % (target.id, op),
                     'Write it out: "%s = %s %s ...".' % (target.id, target.id, op[:-1]))
        elif isinstance(target, ast.Attribute):
            self.add(node, RULE_AUGMENTED_ASSIGNMENT,
                     'Augmented assignment of an attribute (".%s %s ...") is not allowed by Plex\'s loader: the bundle fails to load.'
                     % (target.attr, op),
                     'Write it out: "obj.%s = obj.%s %s ...".' % (target.attr, target.attr, op[:-1]))
        else:
            self.add(node, RULE_AUGMENTED_ASSIGNMENT,
                     'Augmented assignment of an item or slice ("[...] %s ...") is not allowed by Plex\'s loader: the bundle fails to load.'
                     % op,
                     'Write it out: "d[k] = d[k] %s ...".' % op[:-1])

    def visit_exec(self, node):
        self.add(node, RULE_EXEC_EVAL,
                 '"exec" is not allowed by Plex\'s loader: the bundle fails to load.',
                 'Call the code directly (look functions up in a dict of callables instead of building source text).')

    def visit_call(self, node):
        func = node.func
        if isinstance(func, ast.Name) and func.id in EVAL_NAMES:
            self.add(node, RULE_EXEC_EVAL,
                     '"%s" is not available inside Plex\'s loader: the call fails at run time.' % func.id,
                     'Parse the value instead (int(), float(), JSON.ObjectFromString(), a dict of callables).')

    def check_module(self, node, module):
        if module is None:
            return
        top = module.split('.')[0]
        replacement = PYTHON3_ONLY_MODULES.get(module)
        if replacement is None:
            replacement = PYTHON3_ONLY_MODULES.get(top)
            if replacement is None and '.' in module:
                # "urllib" and "html" exist in 2.7 only without these submodules.
                parent = module.rsplit('.', 1)[0]
                replacement = PYTHON3_ONLY_MODULES.get(parent)
        if replacement is not None:
            self.add(node, RULE_UNAVAILABLE_IMPORT,
                     'Module "%s" does not exist in Python 2.7: the import fails and the bundle stops loading.' % module,
                     'Use the Python 2.7 equivalent: %s.' % replacement)
        elif is_private(top):
            self.add(node, RULE_UNAVAILABLE_IMPORT,
                     'Module "%s" starts with "_": Plex\'s loader cannot bind private modules and the bundle fails to load.' % module,
                     'Import the public module that wraps it instead.')

    def visit_import(self, node):
        for alias in node.names:
            self.check_module(node, alias.name)
            bound = alias.asname or alias.name.split('.')[0]
            if not is_private(alias.name.split('.')[0]):
                self.private_name(node, bound, 'Imported name')

    def visit_import_from(self, node):
        if node.module != '__future__':
            self.check_module(node, node.module)
        for alias in node.names:
            if alias.name == '*':
                continue
            self.private_name(node, alias.asname or alias.name, 'Imported name')

    def visit_except_handler(self, node):
        # "except X, e": in 2.7 the bound name is an expression node under the field "name", which the
        # walk treats as a leaf (it is a plain string on functions and classes).
        if isinstance(node.name, ast.Name):
            self.private_name(node.name, node.name.id, 'Assigned name')

    def visit_global(self, node):
        for name in node.names:
            self.private_name(node, name, 'Global name')


# Fields that never hold a child node worth visiting (names, numbers, contexts, operators, aliases,
# which the Import handlers read themselves).
LEAF_FIELDS = frozenset(['ctx', 'op', 'ops', 'id', 'attr', 'name', 'n', 's', 'level', 'module', 'names',
                         'asname', 'nl', 'vararg', 'kwarg', 'arg'])

AUG_OPS = {
    ast.Add: '+=', ast.Sub: '-=', ast.Mult: '*=', ast.Div: '/=', ast.FloorDiv: '//=', ast.Mod: '%=',
    ast.Pow: '**=', ast.LShift: '<<=', ast.RShift: '>>=', ast.BitOr: '|=', ast.BitAnd: '&=',
    ast.BitXor: '^=',
}


def source_line(lines, line):
    if lines is None or line is None or line < 1 or line > len(lines):
        return ''
    return text(lines[line - 1].strip())


def text(value):
    # Agent sources hold arbitrary bytes (latin-1, broken UTF-8): the answer must stay valid JSON.
    if isinstance(value, unicode):
        return value
    return str(value).decode('utf-8', 'replace')


def syntax_finding(lines, line, column, message):
    return {
        'check': 'syntax', 'rule': RULE_SYNTAX, 'line': line or 0, 'column': column or 0,
        'message': text(message),
        'fix': 'Write valid Python 2.7 at this line (Plex runs agents with Python 2.7: no f-strings, '
               'print(..., end=...), nonlocal or type hints).',
        'code': source_line(lines, line),
    }


def check_source(name, source, checks, exhaustive=False):
    lines = source.splitlines()
    result = {'name': name, 'parsed': False, 'findings': []}
    try:
        # dont_inherit=True: the checker's own __future__ flags must not change how agent code compiles.
        # Full compilation (not only parsing) also catches "'return' outside function" and the like.
        code = compile(source, name, 'exec', 0, True)
    except SyntaxError as e:
        result['findings'].append(syntax_finding(lines, e.lineno, e.offset, e.msg))
        return result
    except (TypeError, ValueError) as e:
        # Null bytes and undecodable sources surface as TypeError/ValueError in 2.7.
        result['findings'].append(syntax_finding(lines, 1, 0, text(e)))
        return result
    result['parsed'] = True
    if 'lint' in checks and (exhaustive or may_have_lint_findings(source, code)):
        tree = compile(source, name, 'exec', ast.PyCF_ONLY_AST, True)
        result['findings'].extend(Linter(lines).run(tree))
    return result


# A cheap, conservative pre-screen: building the AST of a 400 KB module costs more than compiling it,
# so the AST walk runs only when the text or the compiled code shows something a rule could match.
# Each pattern over-approximates its rule (matches in strings and comments count too).
DUNDER_METHOD_DEF = re.compile(r'(?m)^([ \t]+def[ \t]+)__\w+__([ \t]*\()')
UNDERSCORE_IDENTIFIER = re.compile(r'(?<![A-Za-z0-9_])_[A-Za-z0-9_]')
AUGMENTED_SUSPECT = re.compile(r'(?:\*\*|//|<<|>>|[-*/%&|^])=|(?:[\])]|\.[ \t]*[A-Za-z_]\w*)[ \t\\\r\n]*\+=')
EXEC_EVAL_WORD = re.compile(r'\b(?:exec|eval|execfile)\b')
# Function code is optimized (fast locals); a class body's code is not.
CO_OPTIMIZED = 0x0001


def may_have_lint_findings(source, code):
    if AUGMENTED_SUSPECT.search(source) or EXEC_EVAL_WORD.search(source):
        return True
    # Dunder method definitions are allowed only directly in a class body; the compiled code tells
    # where each function was defined, so the text check can ignore indented "def __x__(".
    if UNDERSCORE_IDENTIFIER.search(DUNDER_METHOD_DEF.sub(r'\1x\2', source)):
        return True
    stack = [(code, None)]
    while stack:
        current, parent = stack.pop()
        # Names starting with "_" were screened on the text above (class bodies also carry implicit
        # __module__/__name__ here); co_names adds the dotted module names of import statements.
        for name in current.co_names:
            if imported_module_unavailable(name):
                return True
        is_function = current.co_flags & CO_OPTIMIZED
        if is_function and is_dunder(current.co_name):
            parent_is_class_body = parent is not None and parent is not code and not parent.co_flags & CO_OPTIMIZED
            if not parent_is_class_body:
                return True
        for const in current.co_consts:
            if isinstance(const, CodeType):
                stack.append((const, current))
    return False


def imported_module_unavailable(name):
    if name in PYTHON3_ONLY_MODULES:
        return True
    top = name.split('.')[0]
    return top in PYTHON3_ONLY_MODULES or (top == 'urllib' and name != 'urllib')


def main():
    # The parser allocates hundreds of thousands of node objects per file; the cyclic collector only
    # slows that down in a short-lived process.
    gc.disable()
    request = json.load(sys.stdin)
    checks = request.get('checks') or ['syntax', 'lint']
    results = []
    for item in request.get('files', []):
        name = item.get('name') or item.get('path') or '<source>'
        if 'source' in item:
            source = base64.b64decode(item['source'])
        else:
            try:
                handle = open(item['path'], 'rb')
                try:
                    source = handle.read()
                finally:
                    handle.close()
            except (IOError, OSError) as e:
                results.append({'name': name, 'parsed': False, 'error': u'cannot read: %s' % text(e), 'findings': []})
                continue
        results.append(check_source(name.encode('utf-8') if isinstance(name, unicode) else name, source, checks,
                                    bool(request.get('exhaustive'))))
    times = os.times()
    answer = {'version': '%d.%d.%d' % sys.version_info[:3], 'results': results, 'cpuSeconds': times[0] + times[1]}
    out = json.dumps(answer, ensure_ascii=True)
    sys.stdout.write(out)
    sys.stdout.flush()


if __name__ == '__main__':
    main()
