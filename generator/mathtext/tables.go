package mathtext

// sym is a symbol command's text: in Unicode, and in ASCII for fonts
// without the character.
type sym struct{ uni, ascii string }

// symbols maps commands (with their backslash) to their text.
var symbols = map[string]sym{
	// Greek.
	`\alpha`: {"α", "alpha"}, `\beta`: {"β", "beta"}, `\gamma`: {"γ", "gamma"}, `\delta`: {"δ", "delta"},
	`\epsilon`: {"ε", "epsilon"}, `\varepsilon`: {"ε", "epsilon"}, `\zeta`: {"ζ", "zeta"}, `\eta`: {"η", "eta"},
	`\theta`: {"θ", "theta"}, `\vartheta`: {"θ", "theta"}, `\iota`: {"ι", "iota"}, `\kappa`: {"κ", "kappa"},
	`\lambda`: {"λ", "lambda"}, `\mu`: {"μ", "mu"}, `\nu`: {"ν", "nu"}, `\xi`: {"ξ", "xi"},
	`\pi`: {"π", "pi"}, `\varpi`: {"π", "pi"}, `\rho`: {"ρ", "rho"}, `\varrho`: {"ρ", "rho"},
	`\sigma`: {"σ", "sigma"}, `\varsigma`: {"ς", "sigma"}, `\tau`: {"τ", "tau"}, `\upsilon`: {"υ", "upsilon"},
	`\phi`: {"φ", "phi"}, `\varphi`: {"φ", "phi"}, `\chi`: {"χ", "chi"}, `\psi`: {"ψ", "psi"}, `\omega`: {"ω", "omega"},
	`\Gamma`: {"Γ", "Gamma"}, `\Delta`: {"Δ", "Delta"}, `\Theta`: {"Θ", "Theta"}, `\Lambda`: {"Λ", "Lambda"},
	`\Xi`: {"Ξ", "Xi"}, `\Pi`: {"Π", "Pi"}, `\Sigma`: {"Σ", "Sigma"}, `\Upsilon`: {"Υ", "Upsilon"},
	`\Phi`: {"Φ", "Phi"}, `\Psi`: {"Ψ", "Psi"}, `\Omega`: {"Ω", "Omega"},

	// Operators.
	`\times`: {"×", "x"}, `\cdot`: {"·", "*"}, `\div`: {"÷", "/"}, `\pm`: {"±", "+/-"}, `\mp`: {"∓", "-/+"},
	`\ast`: {"∗", "*"}, `\star`: {"⋆", "*"}, `\circ`: {"∘", "o"}, `\bullet`: {"•", "*"},
	`\oplus`: {"⊕", "(+)"}, `\otimes`: {"⊗", "(x)"}, `\setminus`: {"∖", "\\"},
	`\sum`: {"∑", "sum"}, `\prod`: {"∏", "prod"}, `\int`: {"∫", "integral"}, `\oint`: {"∮", "integral"},
	`\partial`: {"∂", "d"}, `\nabla`: {"∇", "nabla"}, `\infty`: {"∞", "inf"},
	`\land`: {"∧", "and"}, `\wedge`: {"∧", "and"}, `\lor`: {"∨", "or"}, `\vee`: {"∨", "or"},
	`\neg`: {"¬", "not "}, `\lnot`: {"¬", "not "}, `\bigcup`: {"∪", "union"}, `\bigcap`: {"∩", "intersection"},
	`\cup`: {"∪", "union"}, `\cap`: {"∩", "intersection"},

	// Relations.
	`\le`: {"≤", "<="}, `\leq`: {"≤", "<="}, `\leqslant`: {"≤", "<="}, `\ge`: {"≥", ">="}, `\geq`: {"≥", ">="}, `\geqslant`: {"≥", ">="},
	`\ne`: {"≠", "!="}, `\neq`: {"≠", "!="}, `\approx`: {"≈", "~"}, `\equiv`: {"≡", "=="}, `\sim`: {"∼", "~"},
	`\simeq`: {"≃", "~="}, `\cong`: {"≅", "~="}, `\propto`: {"∝", "~"}, `\ll`: {"≪", "<<"}, `\gg`: {"≫", ">>"},
	`\lt`: {"<", "<"}, `\gt`: {">", ">"}, `\prec`: {"≺", "<"}, `\succ`: {"≻", ">"}, `\preceq`: {"⪯", "<="}, `\succeq`: {"⪰", ">="},
	`\in`: {"∈", " in "}, `\notin`: {"∉", " not in "}, `\ni`: {"∋", " contains "},
	`\subset`: {"⊂", " subset "}, `\subseteq`: {"⊆", " subset "}, `\subsetneq`: {"⊊", " subset "},
	`\supset`: {"⊃", " superset "}, `\supseteq`: {"⊇", " superset "},
	`\mid`: {"|", "|"}, `\vert`: {"|", "|"}, `\lvert`: {"|", "|"}, `\rvert`: {"|", "|"},
	`\|`: {"‖", "||"}, `\Vert`: {"‖", "||"}, `\lVert`: {"‖", "||"}, `\rVert`: {"‖", "||"}, `\parallel`: {"∥", "||"},
	`\perp`: {"⊥", " perp "}, `\vdash`: {"⊢", "|-"}, `\models`: {"⊨", "|="}, `\top`: {"⊤", "T"}, `\bot`: {"⊥", "_|_"},

	// Arrows.
	`\to`: {"→", "->"}, `\rightarrow`: {"→", "->"}, `\gets`: {"←", "<-"}, `\leftarrow`: {"←", "<-"},
	`\leftrightarrow`: {"↔", "<->"}, `\Rightarrow`: {"⇒", "=>"}, `\Leftarrow`: {"⇐", "<="}, `\Leftrightarrow`: {"⇔", "<=>"},
	`\implies`: {"⟹", "=>"}, `\impliedby`: {"⟸", "<="}, `\iff`: {"⟺", "<=>"}, `\mapsto`: {"↦", "|->"},
	`\longrightarrow`: {"⟶", "->"}, `\longleftarrow`: {"⟵", "<-"}, `\uparrow`: {"↑", "^"}, `\downarrow`: {"↓", "v"},

	// Sets, logic, other symbols.
	`\emptyset`: {"∅", "{}"}, `\varnothing`: {"∅", "{}"}, `\forall`: {"∀", "for all "}, `\exists`: {"∃", "exists "},
	`\nexists`: {"∄", "no "}, `\therefore`: {"∴", "so"}, `\because`: {"∵", "because"},
	`\aleph`: {"ℵ", "aleph"}, `\hbar`: {"ℏ", "h"}, `\ell`: {"ℓ", "l"}, `\Re`: {"ℜ", "Re"}, `\Im`: {"ℑ", "Im"},
	`\angle`: {"∠", "angle "}, `\degree`: {"°", "deg"}, `\prime`: {"′", "'"}, `\checkmark`: {"✓", "v"},
	`\ldots`: {"…", "..."}, `\dots`: {"…", "..."}, `\cdots`: {"⋯", "..."}, `\vdots`: {"⋮", "..."}, `\ddots`: {"⋱", "..."},
	`\lfloor`: {"⌊", "floor("}, `\rfloor`: {"⌋", ")"}, `\lceil`: {"⌈", "ceil("}, `\rceil`: {"⌉", ")"},
	`\langle`: {"⟨", "<"}, `\rangle`: {"⟩", ">"}, `\lbrace`: {"{", "{"}, `\rbrace`: {"}", "}"},
	`\lbrack`: {"[", "["}, `\rbrack`: {"]", "]"}, `\backslash`: {"\\", "\\"},
	`\quad`: {"  ", "  "}, `\qquad`: {"   ", "   "}, `\colon`: {":", ":"},
	`\textdollar`: {"$", "$"}, `\dollar`: {"$", "$"}, `\%`: {"%", "%"}, `\#`: {"#", "#"}, `\&`: {"&", "&"},
	`\_`: {"_", "_"}, `\{`: {"{", "{"}, `\}`: {"}", "}"}, `\$`: {"$", "$"},

	// Function names, written as words.
	`\log`: {"log", "log"}, `\ln`: {"ln", "ln"}, `\lg`: {"lg", "lg"}, `\exp`: {"exp", "exp"},
	`\sin`: {"sin", "sin"}, `\cos`: {"cos", "cos"}, `\tan`: {"tan", "tan"}, `\cot`: {"cot", "cot"},
	`\arcsin`: {"arcsin", "arcsin"}, `\arccos`: {"arccos", "arccos"}, `\arctan`: {"arctan", "arctan"},
	`\sinh`: {"sinh", "sinh"}, `\cosh`: {"cosh", "cosh"}, `\tanh`: {"tanh", "tanh"},
	`\max`: {"max", "max"}, `\min`: {"min", "min"}, `\sup`: {"sup", "sup"}, `\inf`: {"inf", "inf"},
	`\lim`: {"lim", "lim"}, `\limsup`: {"lim sup", "lim sup"}, `\liminf`: {"lim inf", "lim inf"},
	`\arg`: {"arg", "arg"}, `\argmax`: {"argmax", "argmax"}, `\argmin`: {"argmin", "argmin"},
	`\det`: {"det", "det"}, `\dim`: {"dim", "dim"}, `\ker`: {"ker", "ker"}, `\deg`: {"deg", "deg"},
	`\gcd`: {"gcd", "gcd"}, `\lcm`: {"lcm", "lcm"}, `\Pr`: {"Pr", "Pr"}, `\mod`: {" mod ", " mod "},
	`\bmod`: {" mod ", " mod "}, `\pmod`: {" mod ", " mod "},
}

// words are the symbols that are words: a letter after one is kept apart.
var words = map[string]bool{
	"log": true, "ln": true, "lg": true, "exp": true, "sin": true, "cos": true, "tan": true, "cot": true,
	"arcsin": true, "arccos": true, "arctan": true, "sinh": true, "cosh": true, "tanh": true,
	"max": true, "min": true, "sup": true, "inf": true, "lim": true, "limsup": true, "liminf": true,
	"arg": true, "argmax": true, "argmin": true, "det": true, "dim": true, "ker": true, "deg": true,
	"gcd": true, "lcm": true, "Pr": true,
}

// textCommands show their argument as it is: fonts, text, names.
var textCommands = map[string]bool{
	"text": true, "textrm": true, "textit": true, "textbf": true, "texttt": true, "textsf": true, "textup": true,
	"mathrm": true, "mathit": true, "mathbf": true, "mathsf": true, "mathtt": true, "mathcal": true,
	"mathscr": true, "mathfrak": true, "boldsymbol": true, "bm": true, "operatorname": true, "mbox": true,
	"hbox": true, "emph": true, "underline": true, "overbrace": true, "underbrace": true,
	"boxed": true, "pmb": true,
}

// blackboard are the double-struck fonts: "\mathbb{R}" is "ℝ".
var blackboard = map[string]bool{"mathbb": true, "Bbb": true, "mathbbm": true}

var doubleStruck = map[string]rune{"R": 'ℝ', "N": 'ℕ', "Z": 'ℤ', "Q": 'ℚ', "C": 'ℂ', "P": 'ℙ', "H": 'ℍ'}

// accents put a combining mark on a one-character argument.
var accents = map[string]string{
	"hat": "\u0302", "widehat": "\u0302", "bar": "\u0304", "overline": "\u0305", "vec": "\u20d7",
	"overrightarrow": "\u20d7", "tilde": "\u0303", "widetilde": "\u0303", "dot": "\u0307", "ddot": "\u0308",
}

// dropped commands change only spacing or size.
var dropped = map[string]bool{
	"left": true, "right": true, "big": true, "Big": true, "bigg": true, "Bigg": true,
	"bigl": true, "bigr": true, "Bigl": true, "Bigr": true, "biggl": true, "biggr": true, "Biggl": true, "Biggr": true,
	"displaystyle": true, "textstyle": true, "scriptstyle": true, "limits": true, "nolimits": true,
	"nonumber": true, "notag": true, "middle": true,
}

// superscripts and subscripts map characters to their Unicode script
// forms.
var superscripts = map[rune]rune{
	'0': '⁰', '1': '¹', '2': '²', '3': '³', '4': '⁴', '5': '⁵', '6': '⁶', '7': '⁷', '8': '⁸', '9': '⁹',
	'+': '⁺', '-': '⁻', '=': '⁼', '(': '⁽', ')': '⁾', 'n': 'ⁿ', 'i': 'ⁱ', 'k': 'ᵏ', 'm': 'ᵐ',
	'T': 'ᵀ', 'x': 'ˣ', 'j': 'ʲ', 'a': 'ᵃ', 'b': 'ᵇ', 'c': 'ᶜ', 'd': 'ᵈ', 'e': 'ᵉ', 't': 'ᵗ',
	'*': '*', '′': '′',
}

var subscripts = map[rune]rune{
	'0': '₀', '1': '₁', '2': '₂', '3': '₃', '4': '₄', '5': '₅', '6': '₆', '7': '₇', '8': '₈', '9': '₉',
	'+': '₊', '-': '₋', '=': '₌', '(': '₍', ')': '₎', 'a': 'ₐ', 'e': 'ₑ', 'o': 'ₒ', 'x': 'ₓ', 'h': 'ₕ',
	'k': 'ₖ', 'l': 'ₗ', 'm': 'ₘ', 'n': 'ₙ', 'p': 'ₚ', 's': 'ₛ', 't': 'ₜ', 'i': 'ᵢ', 'j': 'ⱼ', 'r': 'ᵣ',
	'u': 'ᵤ', 'v': 'ᵥ',
}
