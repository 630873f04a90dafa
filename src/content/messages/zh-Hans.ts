// 简体中文目录。Keys and placeholders as in en.ts; plurals: other only.
import type { TranslatedCatalogue } from './en.js';

export const zhHans: TranslatedCatalogue = {
  'menu.welcome': '👋 欢迎咨询 Nexora Investments！',
  'menu.chooseOption': '请选择服务：',
  'menu.replyWithNumber': '请回复数字。',
  'menu.anythingElse': '🙌 还有什么可以帮您？请回复 1 至 7 的数字，或点击*主菜单*。',
  'menu.didNotUnderstand': '❓ 抱歉，我没有理解。请回复 1 至 7 的数字，或输入“菜单”。',
  'menu.footer': '随时输入“菜单”重新开始',
  'menu.button': '主菜单',
  'menu.sectionTitle': '我们能为您做什么？',
  'menu.option1.label': '了解居留项目',
  'menu.option1.row': '1. 了解居留项目',
  'menu.option1.description': '各地区最受欢迎的居留与入籍项目',
  'menu.option2.label': '评估申请资格',
  'menu.option2.row': '2. 评估申请资格',
  'menu.option2.description': '看看哪些项目符合您的投资预算',
  'menu.option3.label': '联系顾问',
  'menu.option3.row': '3. 联系顾问',
  'menu.option3.description': '留下姓名和邮箱，顾问会与您联系',
  'menu.option4.label': '求职协助',
  'menu.option4.row': '4. 求职协助',
  'menu.option4.description': '查找您所选国家的招聘职位',
  'menu.option5.label': '预约咨询',
  'menu.option5.row': '5. 预约咨询',
  'menu.option5.description': '获取预约咨询的链接',
  'menu.option6.label': '下载宣传册',
  'menu.option6.row': '6. 下载宣传册',
  'menu.option6.description': '获取 Nexora Investments 宣传册',
  'menu.option7.label': '立即与顾问聊天',
  'menu.option7.row': '7. 立即与顾问聊天',
  'menu.option7.description': '顾问会直接在此对话中回复您',
  'menu.languageRow': '🌐 语言',
  'menu.languageRowDescription': '选择我回复您所用的语言',
  'nav.backToMenuHint': '输入“菜单”返回主菜单。',
  'nav.mainMenuRow': '⬅️ 主菜单',
  'nav.mainMenuRowDescription': '返回全部服务',

  'session.expired': '⏱️ 您之前的会话已过期，我们从主菜单重新开始。',
  'input.unsupported': '🙏 谢谢！目前我只能读取文字消息。请输入您的回答，或从下方菜单中选择。',
  'input.fileReceived':
    '📎 谢谢，我们已收到您的文件，您的顾问将会看到。我本身只能读取文字：请输入您的问题，或从下方菜单中选择。',
  'media.tooLarge':
    '📎 抱歉，我们无法接收您的文件：文件超过了 {limit}，这是 WhatsApp 允许我们接收的上限。请发送较小的文件，或将其拆分为几个文件。',
  'media.corrupt': '📎 抱歉，您的文件在传输中损坏，我们无法打开。请重新发送。',

  'explore.title': '🌍 热门居留类别：',
  'explore.prompt': '请回复 {letters}',
  'explore.invalid': '❓ 抱歉，没有这个类别。请回复 {letters}。',
  'explore.button': '类别',
  'explore.sectionTitle': '居留类别',
  'explore.rowDescription': '{count, plural, other {# 个项目}}，{amount} 起',
  'explore.topTitle': '{count, plural, =1 {🏆 我们的{category}项目：} other {🏆 {category}热门项目前 # 名：}}',
  'programs.followUp': '💬 感兴趣吗？回复 3 联系顾问，回复 5 预约咨询。',
  'program.category': '类别：{category}',
  'program.investment': '投资金额：{amount}',
  'program.processing': '办理周期：{time}',
  'program.link': '链接：{link}',

  'eligibility.ask': '💰 您的投资预算是多少美元？\n\n例如：250000、$300,000、250k 或 1.5M。',
  'eligibility.empty': '💰 请输入您的投资预算（美元），例如 250000 或 $300k。',
  'eligibility.unreadable': '❓ 抱歉，我无法识别这个金额。请输入美元预算，例如 300000、$300,000 或 300k。',
  'eligibility.notPositive': '❓ 预算必须大于零。请输入美元金额，例如 250000。',
  'eligibility.intro': '✅ 以 {amount} 的预算，您可以申请：',
  'eligibility.notEligible':
    '😕 以 {amount} 的预算，暂时还没有适合的项目。最低投资额为 {lowest}（{program}）。\n\n💬 顾问可以和您一起看看其他方案：回复 3 联系顾问。',
  'eligibility.noCatalogue': '😕 目前找不到可与您的预算比较的项目。回复 3，顾问会为您提供帮助。',

  'consultant.askName': '👤 很高兴为您安排顾问！请问您的全名是？',
  'consultant.nameEmpty': '👤 请输入您的全名。',
  'consultant.nameInvalid': '❓ 这看起来不像姓名。请输入您的全名（最多 100 个字符）。',
  'consultant.nameIsQuestion': '❓ 顾问很乐意解答这个问题。为了转达您的问题，我需要先知道您的全名：请问您怎么称呼？',
  'consultant.nameIsEmail': '📧 谢谢，稍后我会询问您的邮箱。请先告诉我您的全名。',
  'consultant.askEmail': '📧 谢谢，{name}！请问您的电子邮箱是？',
  'consultant.emailInvalid': '❓ 这个邮箱地址似乎不正确。请重新输入，例如 name@example.com。',
  'consultant.saved': '🙏 谢谢您，{name}！Nexora 顾问会尽快与您联系。',
  'consultant.offerChat': '需要顾问现在就在这里与您聊天吗？',
  'consultant.offerChatYes': '好的，现在聊',
  'consultant.offerChatNo': '不用了，谢谢',

  'jobs.askCountry': '💼 您希望在哪个国家工作？',
  'jobs.countryInvalid': '❓ 我暂时还不认识这个国家。请输入国家名称，例如 {examples}。',
  'jobs.searching':
    '🔎 正在搜索{country}的职位……稍后把结果发给您。\n\n在此期间，您可以回复 1 至 7 的数字，或输入“菜单”返回主菜单。',
  'jobs.found': '{place}的最新职位：',
  'jobs.seeMore': '查看更多：{link}',
  'jobs.none': '目前没有找到{place}的招聘职位。',
  'jobs.searchYourself': '您也可以在这里自行搜索：\n{link}',
  'jobs.unavailable': '职位搜索暂时无法使用。',
  'jobs.latestHere': '您可以在这里查看{place}的最新职位：\n{link}',
  'jobs.consultant': '想和我们的顾问聊聊在当地工作和生活吗？请回复 *3*。',
  'jobs.askKeywords':
    '💼 您想在{country}找什么样的工作？请输入职位或行业，例如 *nurse*、*engineer* 或 *sales*（用英文或当地语言搜索，结果更多），或回复 *不限* 查看全部职位。',
  'jobs.keywordsInvalid': '❓ 请用几个词写出职位或行业（不超过 {max} 个字符），或回复 *不限* 查看全部职位。',
  'jobs.searchingFor':
    '🔎 正在搜索{country}的“{keywords}”职位……稍后把结果发给您。\n\n在此期间，您可以回复 1 至 7 的数字，或输入“菜单”返回主菜单。',
  'jobs.foundFor': '{place}最新的“{keywords}”职位：',
  'jobs.noneFor': '目前没有找到{place}的“{keywords}”职位空缺。',

  'smalltalk.thanks': '😊 不客气！有需要随时找我。',
  'smalltalk.goodbye': '👋 感谢您联系 Nexora Investments，欢迎随时留言！',

  'brochure.caption': '📄 Nexora Investments — 投资居留与投资入籍项目',
  'booking.link': '📅 在这里预约 Nexora 顾问咨询：\n{url}\n\n选择您方便的时间，我们将为您详细介绍可选方案。',

  'optOut.confirmed': '🔕 您已退订：Nexora Investments 将不再向您发送消息。如需恢复，随时回复“开始”。',
  'optIn.confirmed': '🔔 欢迎回来！您将重新收到我们的回复。',

  'language.prompt': '🌐 您希望我使用哪种语言？请从列表中选择。',
  'language.button': '语言',
  'language.sectionTitle': '语言',
  'language.invalid': '❓ 请从列表中选择语言，或输入语言名称。',
  'language.changed': '✅ 好的：从现在起我用简体中文回复您。',

  'handoff.pendingNow': '👤 谢谢，顾问很快会在这里回复您。输入*菜单*可返回智能助手。',
  'handoff.pendingLater':
    '👤 谢谢。我们的顾问工作时间为 {hours}（{timeZone} 时间）；上班后会第一时间在这里回复您。输入*菜单*可返回智能助手。',
  'handoff.timedOut':
    '⏳ 抱歉，顾问未能及时回复您。智能助手已恢复：输入*菜单*查看它能做什么，或输入*人工*再次请求真人服务。',

  'leadEmail.subject': '{event, select, created {新客户线索} other {客户线索更新}}：{who}{about}',

  // --- Budgets in other currencies and the eligibility answer's pages (issue 16, "understanding") ---
  'eligibility.converted': '{original}（按 {date} 的汇率约合 {amount}）',
  'eligibility.noRate': '❓ 抱歉，暂时无法换算 {currency}。请用美元填写预算，例如 300000 或 $300k。',
  'eligibility.count': '共有 {count} 个项目符合您的预算，按门槛从低到高排列。',
  'eligibility.moreHint': '➕ 还有 {count} 个项目符合您的预算：请在下方列表中选择 *{row}*。',
  'eligibility.moreRow': '➕ 更多项目',
  'eligibility.moreRowDescription': '第 {from}–{to} 个，共 {count} 个',
  'eligibility.pageIntro': '✅ 预算 {amount} 的更多项目（第 {from}–{to} 个，共 {count} 个）：',
};
