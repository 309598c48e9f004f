-- Signed-in load for wrk, behind a pretend TLS proxy (X-Forwarded-Proto: https).
--
--   wrk -t2 -c16 -d8s -s bench/load.lua http://127.0.0.1:PORT -- SESSIONS MODE
--
-- SESSIONS: a file with one signed-in person a line, "<Cookie header>\t<CSRF form token>",
--           or "-" for anonymous requests.
-- MODE:     "mixed" for the day-to-day mix below, or a path ("/", "/healthz") to GET only
--           that. Each connection's requests take turns among the people.
-- At the end it prints one line of JSON (prefixed "RESULT ") for bench/load.py.

-- What a person does in a day, in shares of 100: mostly reading, a few saves.
local MIX = {
  {"GET", "/", 30},
  {"GET", "/history/", 15},
  {"GET", "/sos/", 15},
  {"GET", "/checkin/", 15},
  {"GET", "/journal/", 10},
  {"POST", "/urge/", 10, "intensity=6&channel=text&outcome=resisted&triggers=lonely"},
  {"POST", "/checkin/", 5, "mood=3&desperation=4&cried=no&sleep_hours=7&control=3"},
}

local deck = {}
local position = 0
gets, posts, ok200, redirects, others = 0, 0, 0, 0, 0

local function people(path)
  local found = {}
  if path == "-" then
    return {{cookie = nil, token = nil}}
  end
  for line in io.lines(path) do
    local cookie, token = line:match("^(.-)\t(.*)$")
    if cookie then
      table.insert(found, {cookie = cookie, token = token})
    end
  end
  return found
end

local function build(method, path, person, form)
  local headers = {["X-Forwarded-Proto"] = "https"}
  if person.cookie then
    headers["Cookie"] = person.cookie
  end
  local body = nil
  if method == "POST" then
    headers["Content-Type"] = "application/x-www-form-urlencoded"
    headers["Origin"] = "https://" .. wrk.host .. ":" .. wrk.port
    body = "csrfmiddlewaretoken=" .. person.token .. "&" .. form
  end
  return {method = method, request = wrk.format(method, path, headers, body)}
end

function init(args)
  local who, mode = people(args[1]), args[2]
  -- A fixed order, the same in every run: request n is person n % #who's, and it picks
  -- (n * 37) % 100 in the shares. 37 and 100 have no common factor, so any 100 requests
  -- in a row hold the shares exactly: a run of a second or two, starting anywhere, is
  -- the whole mix (when all the people took the same page in turn, it was a few pages).
  for n = 0, 100 * #who - 1 do
    local person = who[n % #who + 1]
    if mode == "mixed" then
      local pick, acc = (n * 37) % 100, 0
      for _, item in ipairs(MIX) do
        acc = acc + item[3]
        if pick < acc then
          table.insert(deck, build(item[1], item[2], person, item[4]))
          break
        end
      end
    else
      table.insert(deck, build("GET", mode, person))
    end
  end
  position = math.random(#deck) -- each thread starts at its own place
end

function request()
  position = position % #deck + 1
  local item = deck[position]
  if item.method == "POST" then
    posts = posts + 1
  else
    gets = gets + 1
  end
  return item.request
end

function response(status, headers, body)
  if status == 200 then
    ok200 = ok200 + 1
  elseif status == 302 then
    redirects = redirects + 1
  else
    others = others + 1
  end
end

local threads = {}

function setup(thread)
  table.insert(threads, thread)
end

function done(summary, latency, requests)
  local total = {gets = 0, posts = 0, ok200 = 0, redirects = 0, others = 0}
  for _, thread in ipairs(threads) do
    for name, _ in pairs(total) do
      total[name] = total[name] + (thread:get(name) or 0)
    end
  end
  local e = summary.errors
  io.write(string.format(
    'RESULT {"requests": %d, "duration_us": %d, "p50_us": %d, "p99_us": %d, "mean_us": %.1f, '
      .. '"errors": {"connect": %d, "read": %d, "write": %d, "status": %d, "timeout": %d}, '
      .. '"gets": %d, "posts": %d, "ok200": %d, "redirects": %d, "others": %d}\n',
    summary.requests, summary.duration, latency:percentile(50), latency:percentile(99),
    latency.mean, e.connect, e.read, e.write, e.status, e.timeout,
    total.gets, total.posts, total.ok200, total.redirects, total.others))
end
