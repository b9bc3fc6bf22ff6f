# -*- coding: utf-8 -*-
#
# Syntax gate and Plex loader lint for legacy agent code. Runs under Python 2.7 only (the interpreter
# Plex runs agent bundles with): it must stay valid 2.7 and use nothing beyond the standard library.
#
# The rules are those of Plex's plug-in loader (Framework 2.x, RestrictedPython with Plex's policies):
#   - Contents/Code/__init__.py is always compiled with the standard rules;
#   - the other modules of Contents/Code with the bundle's policy (Info.plist PlexPluginCodePolicy);
#   - files under Contents/Libraries are imported without restrictions (syntax only).
# Every finding has a severity: "load" (Plex refuses to compile the file: the bundle does not load) or
# "runtime" (the line compiles and fails when it runs).
#
# Protocol: one JSON request on stdin, one JSON answer on stdout.
#   request: {"checks": ["syntax", "lint"], "files": [{"name": "X.bundle/Contents/Code/utils.py",
#             "path": "/abs/file.py" | "source": "<base64 bytes>", "policy": "standard" | "elevated",
#             "role": "init" | "module" | "library" (optional: derived from the name)}]}
#   answer:  {"version": "2.7.18", "cpuSeconds": 1.23, "results": [{"name": "...", "parsed": true,
#             "role": "module", "policy": "elevated", "findings": [
#             {"check": "syntax" | "lint", "rule": "...", "severity": "load" | "runtime", "line": 1,
#              "column": 1, "message": "...", "fix": "...", "code": "<the source line, stripped>"}]}]}
# Nothing is written to disk: sources are compiled in memory (no .pyc).

import ast
import base64
import gc
import json
import os
import re
import sys
from types import CodeType

LOAD = 'load'
RUNTIME = 'runtime'

RULE_SYNTAX = 'syntax'
RULE_UNDERSCORE_NAME = 'underscore-name'
RULE_UNDERSCORE_ATTRIBUTE = 'underscore-attribute'
RULE_FILE_REFERENCE = 'file-reference'
RULE_ROLES_NAME = 'roles-name'
RULE_PRINTED_NAME = 'printed-name'
RULE_AUGMENTED_ASSIGNMENT = 'augmented-assignment'
RULE_AUGMENTED_OPERATOR = 'augmented-operator'
RULE_EXEC = 'exec-eval'
RULE_YIELD = 'yield'
RULE_TUPLE_PARAMETER = 'tuple-parameter'
RULE_MISSING_BUILTIN = 'missing-builtin'
RULE_GUARDED_BUILTIN = 'guarded-builtin'
RULE_STRING_ITERATION = 'string-iteration'
RULE_UNAVAILABLE_IMPORT = 'unavailable-import'

ROLE_INIT = 'init'
ROLE_MODULE = 'module'
ROLE_LIBRARY = 'library'
STANDARD = 'standard'
ELEVATED = 'elevated'

# Dunder names Plex's loader accepts as names and attributes: everywhere, and in elevated sibling modules.
SAFE_NAMES = frozenset(['__init__', '__call__', '__str__', '__repr__'])
ELEVATED_SAFE_NAMES = SAFE_NAMES | frozenset([
    '__getitem__', '__getattr__', '__getattribute__', '__setitem__', '__setattr__', '__delitem__',
    '__delattr__', '__iter__', '__len__', '__name__', '__eq__', '__ne__', '__enter__', '__exit__'])

# Builtins Plex's sandbox does not provide (NameError when the line runs), whatever the policy.
MISSING_BUILTINS = {
    'eval': 'parse the value instead (int(), float(), JSON.ObjectFromString()) or look callables up in a dict',
    'execfile': 'import the module instead',
    'compile': 'call the code directly',
    'open': 'Core.storage.load()/save() (elevated bundles) or Data.Load()/Data.Save()',
    'file': 'Core.storage.load()/save() (elevated bundles) or Data.Load()/Data.Save()',
    'input': 'a preference (Prefs[...])',
    'raw_input': 'a preference (Prefs[...])',
    'globals': 'a module-level dict you fill yourself',
    'locals': 'the names themselves (or a dict you build)',
    'vars': 'the attributes themselves (or a dict you build)',
    'iter': 'a for loop over the sequence (or the object\'s own method)',
    'next': 'a for loop with break (or the iterator\'s own .next() method)',
    'sum': 'a loop: "total = 0" then "for x in items: total += x"',
    'any': 'a loop that sets a flag and breaks (or "len([x for x in items if x]) > 0")',
    'all': 'a loop that clears a flag and breaks (or "len([x for x in items if not x]) == 0")',
    'frozenset': 'set()',
    'bytearray': 'str (a byte string) or a list of ints',
    'format': 'the % operator or str.format()',
    'slice': 'the slice syntax a[i:j]',
    'apply': 'a direct call f(*args, **kwargs)',
}
# Provided to elevated bundles only.
ELEVATED_BUILTINS = {
    'getattr': 'plain attribute access (obj.name), or declare PlexPluginCodePolicy Elevated',
    'hasattr': 'a try/except AttributeError around obj.name, or declare PlexPluginCodePolicy Elevated',
    'dir': 'the attributes you need by name',
    'type': 'isinstance()',
    'super': 'the base class called directly: Base.method(self, ...)',
}
ATTRIBUTE_LESS = 'TypeError: attribute-less object (assign or del)'

# Modules that exist only in Python 3: importing them fails under Plex's 2.7 when the line runs.
PYTHON3_ONLY_MODULES = {
    'asyncio': 'threading (Thread) or the Framework\'s Thread API',
    'builtins': '__builtin__ is not reachable either; use the builtin names directly',
    'configparser': 'ConfigParser',
    'concurrent': 'threading',
    'dataclasses': 'a plain class',
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

# Exception names whose handler makes a failing import harmless.
IMPORT_ERROR_NAMES = frozenset(['ImportError', 'ModuleNotFoundError', 'Exception', 'BaseException'])
VERSION_GUARD = re.compile(r'version_info|\bversion\b|hexversion|\bPY[23]\b|\bPY3K\b|\bPYTHON[23]\b')

AUG_OPS = {
    ast.Add: '+=', ast.Sub: '-=', ast.Mult: '*=', ast.Div: '/=', ast.FloorDiv: '//=', ast.Mod: '%=',
    ast.Pow: '**=', ast.LShift: '<<=', ast.RShift: '>>=', ast.BitOr: '|=', ast.BitAnd: '&=',
    ast.BitXor: '^=',
}

# Fields that never hold a child node worth visiting (names, numbers, contexts, operators, aliases,
# which the handlers read themselves).
LEAF_FIELDS = frozenset(['ctx', 'op', 'ops', 'id', 'attr', 'name', 'n', 's', 'level', 'module', 'names',
                         'asname', 'nl', 'vararg', 'kwarg', 'arg'])

# Walk context flags.
GUARDED_IMPORT = 1


def role_of(name):
    """Where a file sits in its bundle decides which rules Plex applies to it."""
    path = name.replace('\\', '/')
    if '/Contents/Libraries/' in '/' + path:
        return ROLE_LIBRARY
    if os.path.basename(path) == '__init__.py':
        parent = os.path.dirname(path)
        # Contents/Code/__init__.py, or a loose __init__.py given on its own.
        if parent.endswith('Contents/Code') or '/Contents/' not in '/' + path:
            return ROLE_INIT
    return ROLE_MODULE


def is_private(name):
    return name is not None and len(name) > 1 and name.startswith('_')


class Linter(object):
    """Walks a Python 2.7 AST and records what Plex's loader refuses (load) or breaks on (runtime)."""

    def __init__(self, lines, role, policy, modules=(), builtins_reinstated=False):
        self.lines = lines
        self.findings = []
        # Top-level modules the bundle itself provides (Contents/Libraries/Shared, packages of Contents/Code): Plex
        # puts them first on the import path, so importing them works whatever Python 2.7 lacks.
        self.modules = frozenset(modules or ())
        # The bundle's __init__.py copies Python's full builtins into the plug-in's globals before this code runs.
        self.builtins_reinstated = builtins_reinstated
        elevated = policy == ELEVATED
        # __init__.py is compiled with the standard rules; the builtins are the bundle's (per policy).
        self.safe_names = ELEVATED_SAFE_NAMES if elevated and role == ROLE_MODULE else SAFE_NAMES
        self.missing = dict(MISSING_BUILTINS)
        if not elevated:
            self.missing.update(ELEVATED_BUILTINS)
        self.guarded = frozenset(['delattr']) if elevated else frozenset(['setattr', 'delattr'])
        self.bound = set()
        self.builtin_uses = []

    def add(self, node, rule, severity, message, fix):
        line = getattr(node, 'lineno', 0) or 0
        column = getattr(node, 'col_offset', -1)
        self.findings.append({
            'check': 'lint', 'rule': rule, 'severity': severity, 'line': line,
            'column': column + 1 if column >= 0 else 0,
            'message': message, 'fix': fix, 'code': source_line(self.lines, line),
        })

    def check_name(self, node, name):
        """Plex's check on every name that is bound or read (the compiler's checkName)."""
        if name.startswith('_') and name != '_' and name not in self.safe_names:
            if name == '__file__':
                self.add(node, RULE_FILE_REFERENCE, LOAD,
                         '"__file__" is an invalid variable name because it starts with "_"',
                         'Remove the use of __file__ (Plex\'s loader refuses it); read bundle files through the '
                         'Framework (Resource.Load, Core.storage) instead of building paths.')
            else:
                self.add(node, RULE_UNDERSCORE_NAME, LOAD,
                         '"%s" is an invalid variable name because it starts with "_"' % name,
                         'Rename "%s" to a name without the leading underscore (for example "%s"), everywhere it is used.'
                         % (name, name.lstrip('_') or 'value'))
        if name.endswith('__roles__'):
            self.add(node, RULE_ROLES_NAME, LOAD,
                     '"%s" is an invalid variable name because it ends with "__roles__".' % name,
                     'Rename "%s" so it does not end with "__roles__".' % name)

    def bind(self, node, name):
        self.bound.add(name)
        if name == 'printed':
            self.add(node, RULE_PRINTED_NAME, LOAD, '"printed" is a reserved name.',
                     'Rename the variable "printed" (for example "was_printed"): Plex reserves that name.')

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
            ast.Yield: self.visit_yield,
            ast.Import: self.visit_import,
            ast.ImportFrom: self.visit_import_from,
            ast.ExceptHandler: self.visit_except_handler,
            ast.For: self.visit_for,
            ast.comprehension: self.visit_for,
            ast.Assign: self.visit_assign,
        }
        handler_of = handlers.get
        fields_cache = {}
        fields_of = fields_cache.get
        stack = [(tree, 0)]
        pop = stack.pop
        push = stack.append
        while stack:
            node, flags = pop()
            cls = node.__class__
            handler = handler_of(cls)
            if handler is not None:
                handler(node, flags)
            if cls is ast.If and VERSION_GUARD.search(source_line(self.lines, node.lineno)):
                flags |= GUARDED_IMPORT
            elif cls is ast.TryExcept and catches_import_error(node):
                for child in node.body:
                    push((child, flags | GUARDED_IMPORT))
                for child in node.handlers:
                    push((child, flags))
                for child in node.orelse:
                    push((child, flags))
                continue
            fields = fields_of(cls)
            if fields is None:
                fields = fields_cache[cls] = tuple(f for f in cls._fields if f not in LEAF_FIELDS)
            for field in fields:
                value = getattr(node, field, None)
                if value is None:
                    continue
                if value.__class__ is list:
                    for child in value:
                        push((child, flags))
                else:
                    push((value, flags))
        self.report_builtins()
        self.findings.sort(key=lambda f: (f['line'], f['column'], f['rule']))
        return self.findings

    def visit_name(self, node, flags):
        name = node.id
        ctx = node.ctx.__class__
        if ctx is ast.Load:
            if name == 'printed':
                return  # reading "printed" is how restricted code reads its print collector
            # "print" is a name only under "from __future__ import print_function".
            if name in self.missing or name in self.guarded or name == 'print':
                self.builtin_uses.append(node)
        else:
            self.bind(node, name)
        self.check_name(node, name)

    def report_builtins(self):
        if self.builtins_reinstated:
            return
        # A name the module binds itself (a local, a parameter, an import, a def) is not the builtin.
        for node in self.builtin_uses:
            name = node.id
            if name in self.bound:
                continue
            if name in self.guarded:
                self.add(node, RULE_GUARDED_BUILTIN, RUNTIME, ATTRIBUTE_LESS,
                         'Assign the attribute directly (obj.name = value / del obj.name); Plex guards %s().' % name)
            elif name == 'print':
                self.add(node, RULE_MISSING_BUILTIN, RUNTIME, "NameError: global name 'print' is not defined",
                         'Use the print statement (drop "from __future__ import print_function") or Log().')
            else:
                self.add(node, RULE_MISSING_BUILTIN, RUNTIME, "NameError: global name '%s' is not defined" % name,
                         'Plex\'s sandbox does not provide %s(): use %s.' % (name, self.missing[name]))

    def visit_attribute(self, node, flags):
        name = node.attr
        if name.startswith('_') and name != '_' and name not in self.safe_names:
            self.add(node, RULE_UNDERSCORE_ATTRIBUTE, LOAD,
                     '"%s" is an invalid attribute name because it starts with "_".' % name,
                     'Use a public attribute or method instead of "%s" (rename it without the leading underscore, '
                     'or call the public API that wraps it).' % name)
        if name.endswith('__roles__'):
            self.add(node, RULE_ROLES_NAME, LOAD,
                     '"%s" is an invalid attribute name because it ends with "__roles__".' % name,
                     'Rename the attribute "%s" so it does not end with "__roles__".' % name)

    def visit_arguments(self, node, args):
        for arg in args.args:
            if isinstance(arg, ast.Tuple):
                self.add(arg, RULE_TUPLE_PARAMETER, LOAD,
                         "AttributeError: 'tuple' object has no attribute 'startswith'",
                         'Take one parameter and unpack it in the body: "def f(pair):" then "a, b = pair" '
                         '(Plex\'s compiler crashes on tuple parameters).')
        for name in (args.vararg, args.kwarg):
            if name is not None:
                self.bind(node, name)
                self.check_name(node, name)

    def visit_function(self, node, flags):
        self.bind(node, node.name)
        self.check_name(node, node.name)
        self.visit_arguments(node, node.args)

    def visit_lambda(self, node, flags):
        self.visit_arguments(node, node.args)

    def visit_class(self, node, flags):
        self.bind(node, node.name)
        self.check_name(node, node.name)

    def visit_aug_assign(self, node, flags):
        op = AUG_OPS.get(node.op.__class__, '?=')
        target = node.target
        if isinstance(target, ast.Name):
            if op != '+=':
                self.add(node, RULE_AUGMENTED_OPERATOR, RUNTIME,
                         "FrameworkException: Operator '%s' is not supported" % op,
                         'Write it out: "%s = %s %s ...".' % (target.id, target.id, op[:-1]))
        elif isinstance(target, ast.Attribute):
            self.add(node, RULE_AUGMENTED_ASSIGNMENT, LOAD, 'Augmented assignment of attributes is not allowed.',
                     'Write it out: "obj.%s = obj.%s %s ...".' % (target.attr, target.attr, op[:-1]))
        else:
            self.add(node, RULE_AUGMENTED_ASSIGNMENT, LOAD,
                     'Augmented assignment of object items and slices is not allowed.',
                     'Write it out: "d[k] = d[k] %s ...".' % op[:-1])

    def visit_exec(self, node, flags):
        self.add(node, RULE_EXEC, LOAD, 'Exec statements are not allowed.',
                 'Call the code directly (look functions up in a dict of callables instead of building source text).')

    def visit_yield(self, node, flags):
        self.add(node, RULE_YIELD, LOAD, 'Yield statements are not allowed.',
                 'Build and return a list instead of yielding items (Plex\'s loader allows no generators).')

    def check_module(self, node, module, flags):
        if module is None or flags & GUARDED_IMPORT or module.split('.')[0] in self.modules:
            return
        replacement = PYTHON3_ONLY_MODULES.get(module)
        if replacement is None:
            replacement = PYTHON3_ONLY_MODULES.get(module.split('.')[0])
            if replacement is None and '.' in module:
                # "urllib" and "html" exist in 2.7 only without these submodules.
                replacement = PYTHON3_ONLY_MODULES.get(module.rsplit('.', 1)[0])
        if replacement is not None:
            self.add(node, RULE_UNAVAILABLE_IMPORT, RUNTIME, 'ImportError: No module named %s' % module.split('.')[-1],
                     'Module "%s" does not exist in Python 2.7: use %s (or guard the import with '
                     '"try: ... except ImportError:").' % (module, replacement))

    def visit_import(self, node, flags):
        for alias in node.names:
            self.check_module(node, alias.name, flags)
            self.check_name(node, alias.name)
            if alias.asname:
                self.check_name(node, alias.asname)
            self.bind(node, alias.asname or alias.name.split('.')[0])

    def visit_import_from(self, node, flags):
        if node.module == '__future__':
            return
        self.check_module(node, node.module, flags)
        for alias in node.names:
            if alias.name != '*':
                self.bind(node, alias.asname or alias.name)

    def visit_except_handler(self, node, flags):
        # "except X, e": in 2.7 the bound name is an expression node under the field "name", which the
        # walk treats as a leaf (it is a plain string on functions and classes).
        if isinstance(node.name, ast.Name):
            self.visit_name(node.name, flags)

    def visit_for(self, node, flags):
        if is_string_expression(node.iter):
            self.string_iteration(node.iter)

    def visit_assign(self, node, flags):
        if is_string_expression(node.value) and any(isinstance(t, (ast.Tuple, ast.List)) for t in node.targets):
            self.string_iteration(node.value)

    def string_iteration(self, node):
        kind = 'unicode' if isinstance(node, ast.Str) and isinstance(node.s, unicode) else 'str'
        self.add(node, RULE_STRING_ITERATION, RUNTIME, "AttributeError: '%s' object has no attribute '__iter__'" % kind,
                 'Iterate a list instead: list the characters or items explicitly (for example ["a", "b"] '
                 'or text.split()); Plex iterates through __iter__, which strings lack.')


def catches_import_error(node):
    for handler in node.handlers:
        if handler.type is None:
            return True
        types = handler.type.elts if isinstance(handler.type, ast.Tuple) else [handler.type]
        for t in types:
            name = t.id if isinstance(t, ast.Name) else (t.attr if isinstance(t, ast.Attribute) else None)
            if name in IMPORT_ERROR_NAMES:
                return True
    return False


def is_string_expression(node):
    return isinstance(node, ast.Str)


def source_line(lines, line):
    if lines is None or line is None or line < 1 or line > len(lines):
        return ''
    return text(lines[line - 1].strip())


def text(value):
    # Agent sources hold arbitrary bytes (latin-1, broken UTF-8): the answer must stay valid JSON.
    if isinstance(value, unicode):
        return value
    return str(value).decode('utf-8', 'replace')


def syntax_finding(lines, line, column, message, severity):
    return {
        'check': 'syntax', 'rule': RULE_SYNTAX, 'severity': severity, 'line': line or 0, 'column': column or 0,
        'message': text(message),
        'fix': 'Write valid Python 2.7 at this line (Plex runs agents with Python 2.7: no f-strings, '
               'print(..., end=...), nonlocal or type hints).',
        'code': source_line(lines, line),
    }


UNREACHABLE_HANDLER = "default 'except:' must be last"


def compiled_as_plex_does(source, name):
    """The code object Plex's own compiler makes of a source CPython refuses, or None.

    Plex compiles agent code with Python 2's `compiler` package. It accepts `except` clauses after a bare `except:`
    (they can never run), which CPython's compiler refuses, so a bundle written that way loads in Plex.
    """
    import warnings
    with warnings.catch_warnings():
        warnings.simplefilter('ignore', DeprecationWarning)  # the package is deprecated, and is what Plex uses
        import compiler
    try:
        return compiler.compile(source, name, 'exec')
    except SyntaxError:
        return None


def check_source(name, source, checks, role, policy, exhaustive=False, modules=(), builtins_reinstated=False):
    lines = source.splitlines()
    result = {'name': name, 'parsed': False, 'role': role, 'policy': policy, 'findings': []}
    # A library is imported only by the code that needs it: a broken one fails when that import runs.
    syntax_severity = RUNTIME if role == ROLE_LIBRARY else LOAD
    try:
        # dont_inherit=True: the checker's own __future__ flags must not change how agent code compiles.
        # Full compilation (not only parsing) also catches "'return' outside function" and the like.
        code = compile(source, name, 'exec', 0, True)
    except SyntaxError as e:
        code = compiled_as_plex_does(source, name) if e.msg == UNREACHABLE_HANDLER else None
        if code is None:
            result['findings'].append(syntax_finding(lines, e.lineno, e.offset, e.msg, syntax_severity))
            return result
    except (TypeError, ValueError) as e:
        # Null bytes (a binary file) and undecodable sources surface as TypeError/ValueError in 2.7.
        result['findings'].append(syntax_finding(lines, 1, 0, 'not Python source: %s' % text(e), syntax_severity))
        return result
    result['parsed'] = True
    if 'lint' in checks and role != ROLE_LIBRARY and (exhaustive or may_have_lint_findings(source, code)):
        tree = compile(source, name, 'exec', ast.PyCF_ONLY_AST, True)
        result['findings'].extend(Linter(lines, role, policy, modules, builtins_reinstated).run(tree))
    return result


# A cheap, conservative pre-screen: building the AST of a 400 KB module costs more than compiling it,
# so the AST walk runs only when the text or the compiled code shows something a rule could match.
# Each pattern over-approximates its rule (matches in strings and comments count too).
UNDERSCORE_IDENTIFIER = re.compile(r'(?<![A-Za-z0-9_])_(?!_(?:init|call|str|repr)__(?![A-Za-z0-9_]))[A-Za-z0-9_]')
AUGMENTED_SUSPECT = re.compile(r'(?:\*\*|//|<<|>>|[-*/%&|^])=|(?:[\])]|\.[ \t]*[A-Za-z_]\w*)[ \t\\\r\n]*\+=')
KEYWORD_SUSPECT = re.compile(r'\b(?:exec|yield|printed|print_function)\b|__roles__')
# Bytecode: LOAD_CONST <index> followed by GET_ITER or UNPACK_SEQUENCE (iterating or unpacking a constant).
CONST_ITERATION = re.compile(r'd(..)[D\\]', re.S)
GLOBAL_OPCODES = (chr(116), chr(101))  # LOAD_GLOBAL, LOAD_NAME
ALL_BUILTIN_NAMES = frozenset(MISSING_BUILTINS) | frozenset(ELEVATED_BUILTINS) | frozenset(['setattr', 'delattr'])
COMPREHENSION_CODE = frozenset(['<genexpr>', '<setcomp>', '<dictcomp>'])


def may_have_lint_findings(source, code):
    if AUGMENTED_SUSPECT.search(source) or KEYWORD_SUSPECT.search(source) or UNDERSCORE_IDENTIFIER.search(source):
        return True
    stack = [code]
    while stack:
        current = stack.pop()
        names = current.co_names
        for index, name in enumerate(names):
            if imported_module_unavailable(name):
                return True
            if name in ALL_BUILTIN_NAMES and loads_global(current.co_code, index):
                return True
        # Tuple parameters compile to hidden ".N" arguments (as comprehension code objects also have).
        if current.co_name not in COMPREHENSION_CODE:
            for arg in current.co_varnames[:current.co_argcount]:
                if arg.startswith('.'):
                    return True
        consts = current.co_consts
        for match in CONST_ITERATION.finditer(current.co_code):
            index = ord(match.group(1)[0]) + 256 * ord(match.group(1)[1])
            if index < len(consts) and isinstance(consts[index], basestring):
                return True
        for const in consts:
            if isinstance(const, CodeType):
                stack.append(const)
    return False


def loads_global(co_code, index):
    argument = chr(index & 0xff) + chr(index >> 8)
    return any(op + argument in co_code for op in GLOBAL_OPCODES)


def imported_module_unavailable(name):
    if name in PYTHON3_ONLY_MODULES:
        return True
    top = name.split('.')[0]
    return top in PYTHON3_ONLY_MODULES or (top == 'urllib' and name != 'urllib')


def keep_arenas_mapped(files):
    """Python 2.7 unmaps an object arena as soon as it empties, so every large compile maps and faults in
    tens of MB afresh (a third of the CPU time on 400 KB files). A few live objects spread over the first
    arenas keep them mapped, and the next file reuses them. Small or single files do not pay for it."""
    sizes = [len(f['source']) * 3 // 4 if 'source' in f else source_size(f.get('path')) for f in files]
    if len(sizes) < 2 or max(sizes) < 100 * 1024:
        return None
    megabytes = min(64, max(sizes) // 10240)  # a compile peaks at about 100 bytes per byte of source
    filler = ['%0200d' % i for i in xrange(megabytes * 4096)]  # about 240 bytes each: 4096 per MB
    return filler[::256]  # a few per 256 KB arena


def source_size(path):
    try:
        return os.path.getsize(path)
    except (OSError, TypeError):
        return 0


def main():
    # The parser allocates hundreds of thousands of node objects per file; the cyclic collector only
    # slows that down in a short-lived process.
    gc.disable()
    request = json.load(sys.stdin)
    checks = request.get('checks') or ['syntax', 'lint']
    ballast = keep_arenas_mapped(request.get('files', []))  # noqa: F841 (alive until the process ends)
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
        role = item.get('role') or role_of(name)
        policy = ELEVATED if item.get('policy') == ELEVATED else STANDARD
        results.append(check_source(name.encode('utf-8') if isinstance(name, unicode) else name, source, checks,
                                    role, policy, bool(request.get('exhaustive')), item.get('modules') or (),
                                    bool(item.get('builtinsReinstated'))))
    times = os.times()
    answer = {'version': '%d.%d.%d' % sys.version_info[:3], 'results': results, 'cpuSeconds': times[0] + times[1]}
    out = json.dumps(answer, ensure_ascii=True)
    sys.stdout.write(out)
    sys.stdout.flush()


if __name__ == '__main__':
    main()
